// How the raise-a-case form asks for each of PCSE's other services' fields (lib/cases/schemas.ts,
// SERVICE_AREA_FIELDS): the kind of control and, for choices, the words for each value. The values come from the
// schemas themselves, so the form cannot offer one the server refuses (tests/unit/case-forms.test.ts). Pure.
import { SERVICE_AREA_FIELDS, SERVICE_AREA_FIELD_LABELS } from "@/lib/cases/schemas";

export type ServiceArea = keyof typeof SERVICE_AREA_FIELDS;

export type ServiceAreaField =
  | { name: string; label: string; control: "radios"; options: readonly (readonly [string, string])[] }
  | { name: string; label: string; control: "date"; hint?: string }
  | { name: string; label: string; control: "text" | "number" | "money" | "textarea"; hint?: string; optional?: boolean; width: string };

export const SERVICE_AREA_OPTION_LABELS: Record<string, Record<string, string>> = {
  whatFailed: { NOT_PROCESSED: "Not processed", WRONG_PRACTICE: "Registered at the wrong practice", DEDUCTED_IN_ERROR: "Deducted in error", OTHER: "Something else" },
  performerRole: { GP: "GP", NURSE: "Nurse", OTHER: "Another role" },
  formType: { ANNUAL_CERTIFICATE: "Annual certificate of pensionable profits", ESTIMATE_OF_EARNINGS: "Estimate of earnings", TYPE_1: "Type 1 certificate", TYPE_2: "Type 2 self-assessment", OTHER: "Another form" },
  whatHappened: { MISDIRECTED: "Sent to the wrong place", NOT_RECEIVED: "Not received", DELAYED: "Delayed", OTHER: "Something else" },
};

function choices(area: ServiceArea, name: string): ServiceAreaField {
  const shape = SERVICE_AREA_FIELDS[area].shape as unknown as Record<string, { options: readonly string[] }>;
  return { name, label: SERVICE_AREA_FIELD_LABELS[name], control: "radios", options: shape[name].options.map((o) => [o, SERVICE_AREA_OPTION_LABELS[name]?.[o] ?? o] as const) };
}

const date = (name: string, hint?: string): ServiceAreaField => ({ name, label: SERVICE_AREA_FIELD_LABELS[name], control: "date", hint });
const field = (name: string, control: "text" | "number" | "money" | "textarea", width: string, hint?: string, optional?: boolean): ServiceAreaField => ({ name, label: SERVICE_AREA_FIELD_LABELS[name], control, width, hint, optional });

/** The fields of each service area, in the order the form asks for them. */
export const SERVICE_AREA_FORM: Record<ServiceArea, ServiceAreaField[]> = {
  SERVICE_REGISTRATIONS: [choices("SERVICE_REGISTRATIONS", "whatFailed"), date("submittedOn", "The date you sent the registrations to PCSE"), field("patientsAffected", "number", "w-24", "How many patients, as a number")],
  SERVICE_PERFORMERS_LIST: [choices("SERVICE_PERFORMERS_LIST", "performerRole"), date("applicationSubmittedOn"), field("applicationReference", "text", "w-64", "If PCSE gave you one", true)],
  SERVICE_SUPPLIES: [field("orderReference", "text", "w-64"), date("orderedOn"), field("itemsMissing", "textarea", "w-full max-w-xl", "Which items, and how many")],
  SERVICE_PAYMENTS: [field("paymentPeriod", "text", "w-32", "The month, like 2026-10"), field("expectedPounds", "money", "w-40", "In pounds, like 1250.00"), field("receivedPounds", "money", "w-40", "In pounds, like 1000.00")],
  SERVICE_PENSIONS: [choices("SERVICE_PENSIONS", "formType"), field("schemeYear", "text", "w-32", "Like 2025/26")],
  SERVICE_COMMUNICATIONS: [choices("SERVICE_COMMUNICATIONS", "whatHappened"), date("dateOfCorrespondence")],
};

/** Every date field of any area (posted as day, month and year). */
export const SERVICE_AREA_DATE_FIELDS: readonly string[] = Object.values(SERVICE_AREA_FORM).flatMap((fields) => fields.filter((f) => f.control === "date").map((f) => f.name));

export function isServiceArea(kind: string): kind is ServiceArea {
  return kind in SERVICE_AREA_FIELDS;
}
