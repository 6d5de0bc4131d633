import { courierOpenApi } from "@/lib/tracking/openapi";

export const dynamic = "force-static";

export function GET() {
  return Response.json(courierOpenApi);
}
