// What each of PCSE's case actions asks for, as form descriptions for the case page (components/cases/
// CaseActionForms.tsx). The fields are caseActionSchema's (lib/cases/schemas.ts); which actions appear is the case
// rules' decision (availableCaseActions), passed in. Pure.
import type { CaseOutcome } from "@/lib/db/generated/enums";
import { CASE_ACTIONS, OUTCOME_LABELS, type CaseAction } from "@/lib/cases/rules";
import { SEARCH_STEPS, SEARCH_STEP_LABELS } from "@/lib/cases/schemas";
import { SEARCH_RESULT_LABELS } from "@/lib/cases/labels";

export type FieldSpec =
  | { kind: "textarea"; name: string; label: string; hint?: string; maxLength: number }
  | { kind: "text"; name: string; label: string; hint?: string; defaultValue?: string; maxLength: number; width?: string }
  | { kind: "number"; name: string; label: string; hint?: string; defaultValue?: string }
  | { kind: "radios"; name: string; label: string; hint?: string; options: readonly (readonly [string, string])[]; defaultValue?: string }
  | { kind: "select"; name: string; label: string; hint?: string; options: readonly (readonly [string, string])[]; defaultValue?: string };

export type ActionFormSpec = {
  action: CaseAction;
  /** The disclosure's title (none: a button on its own, e.g. "Take the case"). */
  title?: string;
  intro?: string;
  fields: FieldSpec[];
  button: string;
  variant?: "primary" | "secondary" | "reverse";
};

/** The order the forms appear in: the everyday ones first. */
export const ACTION_FORM_ORDER: readonly CaseAction[] = [
  "take",
  "note",
  "askPracticeToSearch",
  "chaseSender",
  "chaseCourier",
  "recordSearchStep",
  "markFound",
  "arrangeRedelivery",
  "resolve",
  "waitOnThirdParty",
  "resume",
  "markMissing",
  "markLost",
  "assign",
  "reopen",
  "close",
];

function title(action: CaseAction): string {
  const label = CASE_ACTIONS[action].label;
  return label[0].toUpperCase() + label.slice(1);
}

const ODS = { kind: "text", maxLength: 10, width: "w-40" } as const;

export type CaseFormContext = {
  available: readonly CaseAction[];
  outcomes: readonly CaseOutcome[];
  /** The case has a record movement (chasing the sender and redelivery need one). */
  hasMovement: boolean;
  senderOdsCode: string | null;
  bagCount: number | null;
  /** The signed-in caseworker owns the case already ("take" is then pointless). */
  ownedByMe: boolean;
  /** Supervisors assign to anyone; a caseworker takes a case instead. */
  canSupervise: boolean;
  caseworkers: { id: string; name: string }[];
};

/** The forms for the actions allowed now, in ACTION_FORM_ORDER. */
export function caseActionForms(c: CaseFormContext): ActionFormSpec[] {
  const specs: Partial<Record<CaseAction, ActionFormSpec | null>> = {
    take: c.ownedByMe ? null : { action: "take", fields: [], button: "Take the case", variant: "secondary" },
    note: {
      action: "note",
      title: "Add a note",
      fields: [
        { kind: "textarea", name: "note", label: "Note", hint: "No clinical details.", maxLength: 2000 },
        {
          kind: "radios",
          name: "visibility",
          label: "Who may see it?",
          options: [
            ["INTERNAL", "PCSE only (internal)"],
            ["SHARED", "PCSE and the practices on the case"],
          ],
        },
      ],
      button: "Add the note",
    },
    askPracticeToSearch: {
      action: "askPracticeToSearch",
      title: "Ask a practice to search",
      intro: "The practice gets a task and an email. The case waits on the practice, which pauses the resolution clock.",
      fields: [
        { ...ODS, name: "odsCode", label: "Practice's ODS code", hint: c.senderOdsCode ? `The sending practice is ${c.senderOdsCode}` : "For example A81001", defaultValue: c.senderOdsCode ?? undefined },
        { kind: "textarea", name: "note", label: "What the practice should look for", maxLength: 2000 },
      ],
      button: "Ask the practice to search",
    },
    chaseSender: c.hasMovement
      ? { action: "chaseSender", title: title("chaseSender"), intro: "The sending practice gets an email.", fields: [{ kind: "textarea", name: "note", label: "What you asked the sending practice", maxLength: 2000 }], button: "Record the chase" }
      : null,
    chaseCourier: {
      action: "chaseCourier",
      title: title("chaseCourier"),
      intro: "The case waits on the courier, which pauses the resolution clock.",
      fields: [{ kind: "textarea", name: "note", label: "What you asked the courier", maxLength: 2000 }],
      button: "Record the chase and wait on the courier",
    },
    recordSearchStep: {
      action: "recordSearchStep",
      title: title("recordSearchStep"),
      fields: [
        { kind: "radios", name: "step", label: "Where did you search?", options: SEARCH_STEPS.map((s) => [s, SEARCH_STEP_LABELS[s]] as const) },
        { kind: "radios", name: "result", label: "What did you find?", options: Object.entries(SEARCH_RESULT_LABELS).map(([k, v]) => [k, v[0].toUpperCase() + v.slice(1)] as const) },
        { kind: "textarea", name: "note", label: "Note (optional)", maxLength: 2000 },
      ],
      button: "Record the search step",
    },
    markFound: {
      action: "markFound",
      title: title("markFound"),
      fields: [
        { kind: "text", name: "foundWhere", label: "Where was it found?", hint: "For example: the courier's Leeds hub, or the sending practice's store room", maxLength: 300 },
        { kind: "textarea", name: "foundHow", label: "How was it found?", maxLength: 500 },
      ],
      button: "Mark the record found",
    },
    arrangeRedelivery: c.hasMovement
      ? {
          action: "arrangeRedelivery",
          title: title("arrangeRedelivery"),
          intro: "A new movement (a new leg with its own labels) from where the record is now to the practice that should have it.",
          fields: [
            { ...ODS, name: "fromOdsCode", label: "Where the record is now (ODS code)", hint: "A practice, or XPCSST for PCSE's store", defaultValue: c.senderOdsCode ?? undefined },
            { kind: "number", name: "bagCount", label: "Number of bags", defaultValue: c.bagCount ? String(c.bagCount) : undefined },
            { kind: "textarea", name: "note", label: "Note (optional)", maxLength: 2000 },
          ],
          button: "Arrange the redelivery",
        }
      : null,
    resolve: {
      action: "resolve",
      title: title("resolve"),
      intro: "The practices are told. A resolved case closes by itself after 10 working days unless reopened.",
      fields: [
        { kind: "select", name: "outcome", label: "Outcome", options: c.outcomes.map((o) => [o, OUTCOME_LABELS[o]] as const) },
        { kind: "textarea", name: "note", label: "What was done", hint: "The practices see this.", maxLength: 1000 },
      ],
      button: "Resolve the case",
    },
    waitOnThirdParty: {
      action: "waitOnThirdParty",
      title: title("waitOnThirdParty"),
      intro: "Pauses the resolution clock, as the policy says.",
      fields: [{ kind: "textarea", name: "note", label: "Who you are waiting on, and for what", maxLength: 2000 }],
      button: "Wait on a third party",
    },
    resume: { action: "resume", title: title("resume"), fields: [{ kind: "textarea", name: "note", label: "Note (optional)", maxLength: 2000 }], button: "Take the case off hold" },
    markMissing: {
      action: "markMissing",
      title: title("markMissing"),
      intro: "The record is marked missing on its movement. After the policy's months unfound it becomes lost.",
      fields: [{ kind: "textarea", name: "note", label: "Note (optional)", maxLength: 2000 }],
      button: "Mark the record missing",
      variant: "secondary",
    },
    markLost: {
      action: "markLost",
      title: title("markLost"),
      intro: "The receiving practice is asked to make a reconstituted record.",
      fields: [{ kind: "textarea", name: "note", label: "Note (optional)", maxLength: 2000 }],
      button: "Mark the record lost",
      variant: "secondary",
    },
    assign: c.canSupervise
      ? {
          action: "assign",
          title: "Assign the case to someone",
          fields: [{ kind: "select", name: "ownerId", label: "Caseworker", options: c.caseworkers.map((w) => [w.id, w.name] as const) }],
          button: "Assign the case",
          variant: "secondary",
        }
      : null,
    reopen: { action: "reopen", title: title("reopen"), fields: [{ kind: "textarea", name: "note", label: "Why is the case reopened?", maxLength: 1000 }], button: "Reopen the case", variant: "secondary" },
    close: { action: "close", fields: [], button: "Close the case", variant: "secondary" },
  };
  return ACTION_FORM_ORDER.filter((a) => c.available.includes(a)).flatMap((a) => (specs[a] ? [specs[a]] : []));
}
