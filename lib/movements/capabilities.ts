// What the viewer can do next with a movement, for the movement page's buttons. Pure. The commands behind
// the buttons check everything again.
import type { MovementDetail } from "@/lib/movements/queries";

const AT_SENDER = new Set(["REQUESTED", "LABELLED", "READY_FOR_COLLECTION", "HELD_AT_PRACTICE", "RETURNED_TO_SENDER"]);
const CAN_MARK_READY = new Set(["LABELLED", "HELD_AT_PRACTICE", "RETURNED_TO_SENDER"]);
const ON_ITS_WAY = new Set(["COLLECTED", "IN_TRANSIT", "OUT_FOR_DELIVERY", "DELIVERED", "DELIVERY_FAILED", "MISSING", "READY_FOR_COLLECTION", "LABELLED"]);

export type Capabilities = { printLabels: boolean; voidLabels: boolean; markReady: boolean; bookCollection: boolean; receive: boolean; reportProblem: boolean };

export function movementCapabilities(m: Pick<MovementDetail, "status" | "viewerSide" | "labels" | "bagCount" | "collections">): Capabilities {
  const sender = m.viewerSide === "sender" || m.viewerSide === "pcse";
  const liveBags = new Set(m.labels.filter((l) => l.status === "LIVE").map((l) => l.bagNumber));
  return {
    printLabels: sender && AT_SENDER.has(m.status),
    voidLabels: sender && AT_SENDER.has(m.status) && liveBags.size > 0,
    markReady: m.viewerSide === "sender" && CAN_MARK_READY.has(m.status) && liveBags.size >= m.bagCount,
    bookCollection: m.viewerSide === "sender" && m.status === "READY_FOR_COLLECTION" && !m.collections.some((c) => c.status === "BOOKED"),
    receive: m.viewerSide === "receiver" && ON_ITS_WAY.has(m.status),
    reportProblem: m.viewerSide === "receiver" && (m.status === "DELIVERED" || m.status === "RECEIVED"),
  };
}
