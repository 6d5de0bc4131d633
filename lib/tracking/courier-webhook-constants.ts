// Shared by the webhook handler and its OpenAPI document (no server-only imports here).
export const MAX_BODY_BYTES = 1024 * 1024;
export const MAX_CLOCK_SKEW_SECONDS = 300;
export const MAX_EVENTS = 500;
export const COURIER_EVENT_TYPES = ["COLLECTED", "ARRIVED_AT_HUB", "DEPARTED_HUB", "OUT_FOR_DELIVERY", "DELIVERED", "DELIVERY_FAILED", "RETURNED_TO_SENDER", "EXCEPTION"] as const;
