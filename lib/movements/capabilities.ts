// What the viewer can do next with a movement, for the movement page's buttons: the lifecycle's rules
// (lib/movements/lifecycle.ts) applied to what the page loaded. Pure. The commands behind the buttons check the
// same rules again on the server.
import type { MovementDetail } from "@/lib/movements/queries";
import { movementCapabilities as lifecycleCapabilities, type Capabilities } from "@/lib/movements/lifecycle";

export type { Capabilities };

export function movementCapabilities(m: Pick<MovementDetail, "status" | "viewerSide" | "labels" | "bagCount" | "collections">): Capabilities {
  return lifecycleCapabilities({
    status: m.status,
    viewerSide: m.viewerSide,
    liveBagNumbers: m.labels.filter((l) => l.status === "LIVE").map((l) => l.bagNumber),
    bagCount: m.bagCount,
    hasBookedCollection: m.collections.some((c) => c.status === "BOOKED"),
  });
}
