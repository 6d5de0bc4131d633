import { courierOpenApi } from "@/lib/tracking/openapi";
import { routeHandler } from "@/lib/http/route-handler";

export const dynamic = "force-static";

export const GET = routeHandler({ name: "courier/openapi", auth: "public" }, async () => Response.json(courierOpenApi));
