// The case pages' forms against the rules and schemas they post to: a form the server would refuse, or a choice the
// schema does not know, must not be offered. Pure: no database.
import { describe, expect, it } from "vitest";
import { CASE_KINDS } from "@/lib/cases/kinds";
import { CASE_STATUSES, availableCaseActions, type CaseAction, type CaseActor } from "@/lib/cases/rules";
import { caseActionForms, type CaseFormContext } from "@/lib/cases/action-forms";
import { SERVICE_AREA_FIELDS, caseActionSchema, practiceReplySchema, raiseCaseSchema } from "@/lib/cases/schemas";
import { SERVICE_AREA_FORM, SERVICE_AREA_OPTION_LABELS } from "@/lib/cases/service-area-form";
import { caseDueState, describeCaseEvent, describeTaskResponse } from "@/lib/cases/labels";
import { withJoinedDates } from "@/lib/http/date-fields";
import type { MissingStage } from "@/lib/db/generated/enums";

const STAGES: (MissingStage | null)[] = [null, "SEARCHING", "MISSING", "LOST", "FOUND", "RECONSTITUTED", "MERGED"];

function context(available: CaseFormContext["available"], extra: Partial<CaseFormContext> = {}): CaseFormContext {
  return { available, outcomes: ["NO_FAULT_FOUND"], hasMovement: true, senderOdsCode: "A81001", bagCount: 1, ownedByMe: false, canSupervise: true, caseworkers: [{ id: "8d3c6a52-3f0b-4a43-9d39-7b1f8e2b8c11", name: "A Caseworker" }], ...extra };
}

/** A value for each field that the schema accepts, as a caseworker would type it. */
function filled(action: string, fields: ReturnType<typeof caseActionForms>[number]["fields"]): Record<string, string> {
  const values: Record<string, string> = { action, reference: "CS-7Q4K-2M9D" };
  for (const f of fields) {
    if (f.kind === "radios" || f.kind === "select") values[f.name] = f.options[0][0];
    else if (f.kind === "number") values[f.name] = "1";
    else if (f.name.toLowerCase().includes("ods")) values[f.name] = "A81001";
    else values[f.name] = "Checked the post room";
  }
  return values;
}

describe("PCSE's case action forms", () => {
  it("offer only what the case rules allow, for every status, kind, stage and PCSE role", () => {
    // Every combination gives one of a few dozen sets of allowed actions: each set is checked once.
    const sets = new Map<string, { available: CaseAction[]; who: CaseActor; example: string }>();
    for (const who of ["caseworker", "supervisor"] as CaseActor[]) {
      for (const status of CASE_STATUSES) {
        for (const kind of CASE_KINDS) {
          for (const missingStage of STAGES) {
            const available = [...availableCaseActions({ status, kind, missingStage }, who)].sort();
            sets.set(`${who}:${available.join(",")}`, { available, who, example: `${who} ${status} ${kind} ${missingStage}` });
          }
        }
      }
    }
    expect(sets.size).toBeGreaterThan(5);
    for (const { available, who, example } of sets.values()) {
      for (const form of caseActionForms(context(available, { canSupervise: who === "supervisor" }))) expect(available, `${example}: ${form.action}`).toContain(form.action);
    }
  });

  it("leave out only what is pointless: taking a case you own, assigning for a caseworker, chasing or redelivering without a movement", () => {
    const all = [...availableCaseActions({ status: "IN_PROGRESS", kind: "MISSING_RECORD", missingStage: "SEARCHING" }, "supervisor")];
    expect(caseActionForms(context(all)).map((f) => f.action).sort()).toEqual([...all].sort());
    const mine = caseActionForms(context(all, { ownedByMe: true, canSupervise: false, hasMovement: false })).map((f) => f.action);
    expect(mine).not.toContain("take");
    expect(mine).not.toContain("assign");
    expect(mine).not.toContain("chaseSender");
    expect(mine).not.toContain("arrangeRedelivery");
    expect(mine).toContain("askPracticeToSearch");
  });

  it("post fields the action's schema accepts", () => {
    const all = [...new Set(CASE_STATUSES.flatMap((status) => [...availableCaseActions({ status, kind: "MISSING_RECORD", missingStage: "SEARCHING" }, "supervisor")]))];
    for (const form of caseActionForms(context(all))) {
      const parsed = caseActionSchema.safeParse(filled(form.action, form.fields));
      expect(parsed.success, `${form.action}: ${parsed.success ? "" : JSON.stringify(parsed.error.issues)}`).toBe(true);
    }
  });
});

describe("the raise-a-case form", () => {
  it("asks for every field of each service area, and only those, with words for every choice", () => {
    for (const [area, schema] of Object.entries(SERVICE_AREA_FIELDS)) {
      const asked = SERVICE_AREA_FORM[area as keyof typeof SERVICE_AREA_FORM].map((f) => f.name).sort();
      expect(asked, area).toEqual(Object.keys(schema.shape).sort());
      for (const f of SERVICE_AREA_FORM[area as keyof typeof SERVICE_AREA_FORM]) {
        if (f.control === "radios") for (const [value] of f.options) expect(SERVICE_AREA_OPTION_LABELS[f.name]?.[value], `${area}.${f.name}=${value}`).toBeTruthy();
      }
    }
  });

  it("posts dates as three parts that join into what the schema takes", () => {
    const joined = withJoinedDates({ submittedOnDay: "2", submittedOnMonth: "11", submittedOnYear: "2026", whatFailed: "NOT_PROCESSED", patientsAffected: "14" }, ["submittedOn"]);
    expect(SERVICE_AREA_FIELDS.SERVICE_REGISTRATIONS.safeParse(joined).success).toBe(true);
    expect(joined.submittedOn).toBe("2026-11-02");
  });

  it("refuses a summary holding an NHS number (the queue shows summaries, never patient identifiers)", () => {
    for (const summary of ["Patient 943 476 5919 not arrived", "nhs 9434765919", "943-476-5919 missing"]) {
      const parsed = raiseCaseSchema.safeParse({ kind: "RECORD_NOT_RECEIVED", reference: "RM-7Q4K-2M9D", summary });
      expect(parsed.success, summary).toBe(false);
    }
    expect(raiseCaseSchema.safeParse({ kind: "SERVICE_PAYMENTS", summary: "October paid £41,250 short by 1150.00" }).success).toBe(true);
  });
});

describe("a practice's answers", () => {
  it("a message needs words; the search answers and withdrawing do not", () => {
    expect(practiceReplySchema.safeParse({ reference: "CS-7Q4K-2M9D", reply: "INFORMATION", note: "" }).success).toBe(false);
    expect(practiceReplySchema.safeParse({ reference: "CS-7Q4K-2M9D", reply: "INFORMATION", note: "We rang the courier" }).success).toBe(true);
    for (const reply of ["FOUND_SENDING", "SEARCHED_NOT_HERE", "WITHDRAW"]) expect(practiceReplySchema.safeParse({ reference: "CS-7Q4K-2M9D", reply }).success, reply).toBe(true);
  });
});

describe("case words", () => {
  it("a practice's timeline entries (no data) read well from their type alone", () => {
    expect(describeCaseEvent({ type: "SEARCH_REQUESTED", fromStatus: null, toStatus: null, data: null })).toBe("PCSE asked a practice to search");
    expect(describeCaseEvent({ type: "STATUS_CHANGED", fromStatus: "IN_PROGRESS", toStatus: "WAITING_ON_PRACTICE", data: null })).toBe("Status: waiting on the practice (was in progress)");
  });

  it("PCSE's entries name the caseworker from their data", () => {
    expect(describeCaseEvent({ type: "ASSIGNED", fromStatus: null, toStatus: null, data: { ownerId: "u1" } }, new Map([["u1", "Sam Patel"]]))).toBe("Assigned to Sam Patel");
  });

  it("says what a practice answered on a task", () => {
    expect(describeTaskResponse({ result: "FOUND", note: "In the post room" })).toBe("Found, “In the post room”");
    expect(describeTaskResponse({ completedOn: "2026-11-27" })).toBe("Done on 27 Nov 2026");
  });

  it("breached first, then due today, then this week", () => {
    expect(caseDueState({ breached: true, nextDueDate: "2026-12-30" }, "2026-11-23")).toBe("breached");
    expect(caseDueState({ breached: false, nextDueDate: "2026-11-23" }, "2026-11-23")).toBe("today");
    expect(caseDueState({ breached: false, nextDueDate: "2026-11-27" }, "2026-11-23")).toBe("week");
    expect(caseDueState({ breached: false, nextDueDate: "2026-12-27" }, "2026-11-23")).toBeNull();
    expect(caseDueState({ breached: false, nextDueDate: null }, "2026-11-23")).toBeNull();
  });
});
