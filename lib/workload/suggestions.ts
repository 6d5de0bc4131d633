import "server-only";
// Suggested, never imposed: after an action in the portal (labels printed for 12 records, a collection booked at a
// branch surgery, a problem reported, a case answered, a task PCSE set done, an urgent request answered, a harm
// review recorded) the work it implies is offered to the person who did it, prefilled (12 × bag and label), to
// accept, edit or dismiss in one step on the page they land on. One suggestion per triggering event (its key is
// unique), written in the same transaction as the action, so a dismissed suggestion never comes back and a repeated
// request never offers the same work twice. What each action suggests: `suggestionsFor` (pure), docs/workload.md.
import type { Prisma } from "@/lib/db/generated/client";
import type { HarmReviewerRole, PracticeTaskKind, ProblemKind, StaffGrade, WorkloadCause, WorkloadTrigger } from "@/lib/db/generated/enums";
import type { Actor } from "@/lib/auth/actor";
import { can } from "@/lib/auth/permissions";
import { londonDate } from "@/lib/nhs/working-days";
import { CASE_KIND_LABELS, SERVICE_FAILURE_CASE_KINDS, type CaseKind } from "@/lib/cases/kinds";
import { isClinician } from "@/lib/incidents/rules";

type Tx = Prisma.TransactionClient;

/** What happened, as the commands that offer suggestions describe it. Never a patient identifier. */
export type WorkloadEvent =
  | { kind: "LABELS_PRINTED"; movements: { id: string; siteId: string; reference: string }[] }
  | { kind: "COLLECTION_BOOKED"; collectionId: string; reference: string; siteId: string; siteIsBranch: boolean; siteName: string }
  | { kind: "PROBLEM_REPORTED"; reportId: string; problem: ProblemKind; movementId: string; movementReference: string; siteId: string; caseId: string | null }
  | { kind: "CASE_RAISED"; caseId: string; caseReference: string; caseKind: CaseKind; movementId: string | null; siteId: string }
  | { kind: "CASE_ANSWERED"; caseId: string; caseReference: string; key: string; reply: "SEARCHED_NOT_HERE" | "FOUND_SENDING" | "INFORMATION"; movementId: string | null; siteId: string }
  | { kind: "PRACTICE_TASK_DONE"; taskId: string; task: PracticeTaskKind; caseId: string; caseReference: string; movementId: string | null; siteId: string }
  | { kind: "URGENT_REQUEST_ANSWERED"; requestId: string; requestReference: string; movementId: string | null; siteId: string }
  /** Harm reviews just recorded (one patient's, or "no harm" for many at once), with the minutes the reviewer gave. */
  | { kind: "HARM_REVIEW_RECORDED"; reviewIds: string[]; incidentId: string; incidentReference: string; reviewerRole: HarmReviewerRole; minutes: number; siteId: string };

/** One suggestion before it is priced with the task's default minutes. */
export type SuggestionDraft = {
  triggerKey: string;
  trigger: WorkloadTrigger;
  taskCode: string;
  quantity: number;
  cause: WorkloadCause;
  summary: string;
  siteId: string;
  /** Minutes known from the action itself (a harm review's own minutes); otherwise quantity × the task's default. */
  minutes?: number;
  /** The grade the action implies (a harm review's reviewer), offered first instead of the person's usual grade. */
  grade?: StaffGrade | null;
  movementId?: string | null;
  movementIds?: string[];
  collectionId?: string | null;
  caseId?: string | null;
  incidentId?: string | null;
  harmReviewId?: string | null;
};

const PROBLEM_WORDS: Record<ProblemKind, string> = { INCOMPLETE: "incomplete record", DAMAGED: "damaged record", WRONG_PATIENT: "another patient's record" };
const TASK_FOR_PRACTICE_TASK: Record<PracticeTaskKind, { task: string; words: string }> = {
  SEARCH_FOR_RECORD: { task: "SEARCH_ON_REQUEST", words: "searched for the record PCSE asked about" },
  RECONSTITUTE_RECORD: { task: "RECONSTITUTE_RECORD", words: "reconstituted a lost record" },
  MERGE_FOUND_RECORD: { task: "MERGE_FOUND_RECORD", words: "merged a found record into its reconstituted record" },
};

/**
 * The grade a harm review's reviewer most likely has. A GP is offered as a salaried GP (the lower GP rate: a partner
 * changes it); a pharmacist or another clinician has no grade of their own here, so the person's usual grade is
 * offered. Always editable on the card.
 */
export const GRADE_FOR_REVIEWER: Record<HarmReviewerRole, StaffGrade | null> = {
  GP: "SALARIED_GP",
  NURSE: "NURSE",
  PHARMACIST: null,
  OTHER_CLINICIAN: null,
  PRACTICE_MANAGER: "PRACTICE_MANAGER",
  ADMINISTRATIVE_STAFF: "ADMINISTRATOR",
};

const plural = (n: number, one: string, many: string) => `${n.toLocaleString("en-GB")} ${n === 1 ? one : many}`;

/** The work an action implies (pure). */
export function suggestionsFor(event: WorkloadEvent): SuggestionDraft[] {
  switch (event.kind) {
    case "LABELS_PRINTED": {
      const bySite = new Map<string, string[]>();
      for (const m of event.movements) bySite.set(m.siteId, [...(bySite.get(m.siteId) ?? []), m.id]);
      const referenceOf = new Map(event.movements.map((m) => [m.id, m.reference]));
      return [...bySite].map(([siteId, ids]) => ({
        triggerKey: `LABELS:${ids[0]}`,
        trigger: "LABELS_PRINTED",
        taskCode: "BAG_AND_LABEL",
        quantity: ids.length,
        cause: "RECORDS_SERVICE",
        summary: ids.length === 1 ? `Labels printed for ${referenceOf.get(ids[0])}: bagging and labelling it` : `Labels printed for ${plural(ids.length, "record", "records")}: bagging and labelling them`,
        siteId,
        movementId: ids.length === 1 ? ids[0] : null,
        movementIds: ids,
      }));
    }
    case "COLLECTION_BOOKED": {
      const drafts: SuggestionDraft[] = [
        { triggerKey: `COLLECTION:${event.collectionId}`, trigger: "COLLECTION_BOOKED", taskCode: "BOOK_COLLECTION", quantity: 1, cause: "RECORDS_SERVICE", summary: `Collection ${event.reference} booked`, siteId: event.siteId, collectionId: event.collectionId },
      ];
      // Branch surgeries are often not collected from: the bags go to the main site by hand (domain brief).
      if (event.siteIsBranch) {
        drafts.push({ triggerKey: `COLLECTION:${event.collectionId}:CARRY`, trigger: "COLLECTION_BOOKED", taskCode: "CARRY_FROM_BRANCH", quantity: 1, cause: "COURIER", summary: `Collection ${event.reference} at ${event.siteName}: carrying the bags to the main site if the courier does not come`, siteId: event.siteId, collectionId: event.collectionId });
      }
      return drafts;
    }
    case "PROBLEM_REPORTED": {
      const cause: WorkloadCause = event.problem === "DAMAGED" ? "COURIER" : "RECORDS_SERVICE";
      const drafts: SuggestionDraft[] = [
        { triggerKey: `PROBLEM:${event.reportId}`, trigger: "PROBLEM_REPORTED", taskCode: "REPORT_PROBLEM", quantity: 1, cause, summary: `Problem reported on ${event.movementReference}: ${PROBLEM_WORDS[event.problem]}`, siteId: event.siteId, movementId: event.movementId, caseId: event.caseId },
      ];
      if (event.problem === "WRONG_PATIENT") {
        drafts.push({ triggerKey: `PROBLEM:${event.reportId}:WRONG`, trigger: "PROBLEM_REPORTED", taskCode: "WRONG_RECORD", quantity: 1, cause, summary: `Another patient's record came instead of ${event.movementReference}: securing and returning it`, siteId: event.siteId, movementId: event.movementId, caseId: event.caseId });
      }
      return drafts;
    }
    case "CASE_RAISED": {
      const service = (SERVICE_FAILURE_CASE_KINDS as readonly string[]).includes(event.caseKind);
      return [
        {
          triggerKey: `CASE_RAISED:${event.caseId}`,
          trigger: "CASE_RAISED",
          taskCode: service ? "OTHER_SERVICE_FAILURE" : "REPORT_PROBLEM",
          quantity: 1,
          cause: event.caseKind === "COLLECTION_MISSED" ? "COURIER" : "RECORDS_SERVICE",
          summary: `Case ${event.caseReference} raised: ${CASE_KIND_LABELS[event.caseKind].toLowerCase()}`,
          siteId: event.siteId,
          movementId: event.movementId,
          caseId: event.caseId,
        },
      ];
    }
    case "CASE_ANSWERED": {
      const searched = event.reply !== "INFORMATION";
      return [
        {
          triggerKey: `CASE_REPLY:${event.key}`,
          trigger: "CASE_ANSWERED",
          taskCode: searched ? "SEARCH_ON_REQUEST" : "CHASE",
          quantity: 1,
          cause: "RECORDS_SERVICE",
          summary: searched ? `Case ${event.caseReference}: searched for the record and answered PCSE` : `Case ${event.caseReference}: answered PCSE`,
          siteId: event.siteId,
          movementId: event.movementId,
          caseId: event.caseId,
        },
      ];
    }
    case "PRACTICE_TASK_DONE": {
      const t = TASK_FOR_PRACTICE_TASK[event.task];
      return [{ triggerKey: `TASK:${event.taskId}`, trigger: "PRACTICE_TASK_DONE", taskCode: t.task, quantity: 1, cause: "RECORDS_SERVICE", summary: `Case ${event.caseReference}: ${t.words}`, siteId: event.siteId, movementId: event.movementId, caseId: event.caseId }];
    }
    case "URGENT_REQUEST_ANSWERED":
      return [{ triggerKey: `URGENT:${event.requestId}:SENT`, trigger: "URGENT_REQUEST_ANSWERED", taskCode: "URGENT_REQUEST", quantity: 1, cause: "RECORDS_SERVICE", summary: `Urgent request ${event.requestReference} answered: the record found and sent`, siteId: event.siteId, movementId: event.movementId }];
    case "HARM_REVIEW_RECORDED": {
      // One suggestion per recording: a single patient's review links the review itself; "no harm" for many patients
      // at once is one suggestion for all of them (the incident linked, quantity the number of patients), with the
      // total minutes the clinician gave. The review's own minutes, not the task's default: the evidence must agree
      // with the review it stands on.
      if (event.reviewIds.length === 0) return [];
      const clinical = isClinician(event.reviewerRole);
      const patients = event.reviewIds.length;
      return [
        {
          triggerKey: `HARM_REVIEW:${event.reviewIds[0]}`,
          trigger: "HARM_REVIEW_RECORDED",
          taskCode: clinical ? "HARM_REVIEW_CLINICAL" : "HARM_REVIEW_ADMIN",
          quantity: patients,
          cause: "RECORDS_SERVICE",
          summary:
            patients === 1
              ? `Incident ${event.incidentReference}: ${clinical ? "a clinical harm review" : "a harm review (administrative)"} of one patient`
              : `Incident ${event.incidentReference}: no harm found for ${plural(patients, "patient", "patients")}, reviewed by a clinician`,
          siteId: event.siteId,
          minutes: event.minutes,
          grade: GRADE_FOR_REVIEWER[event.reviewerRole],
          incidentId: event.incidentId,
          harmReviewId: patients === 1 ? event.reviewIds[0] : null,
        },
      ];
    }
  }
}

/** A print run made in several requests (the bulk printer prepares 100 records at a time) is one suggestion. */
const SAME_SITTING_MS = 60 * 60_000;

/**
 * Writes the suggestions an action implies, inside the action's transaction, for a practice user (PCSE staff print
 * labels too, but log no practice's work). Tasks an administrator retired are not suggested. Returns how many
 * suggestions were made or added to.
 */
export async function offerWorkloadSuggestions(tx: Tx, actor: Actor, event: WorkloadEvent, now: Date): Promise<number> {
  if (!can(actor.role, "workload:log") || actor.scopeOrganisationIds.length === 0) return 0;
  const drafts = suggestionsFor(event).filter((d) => actor.scopeOrganisationIds.includes(d.siteId));
  if (drafts.length === 0) return 0;
  const tasks = new Map((await tx.workloadTask.findMany({ where: { code: { in: [...new Set(drafts.map((d) => d.taskCode))] }, active: true }, select: { code: true, defaultMinutes: true } })).map((t) => [t.code, t.defaultMinutes]));
  const practiceId = actor.scopeOrganisationIds[0];
  const date = new Date(`${londonDate(now)}T00:00:00Z`);
  let made = 0;
  for (const d of drafts) {
    const perItem = tasks.get(d.taskCode);
    if (perItem === undefined) continue;
    if (d.trigger === "LABELS_PRINTED") {
      const open = await tx.workloadSuggestion.findFirst({
        where: { userId: actor.id, siteId: d.siteId, trigger: "LABELS_PRINTED", status: "PENDING", date, createdAt: { gte: new Date(now.getTime() - SAME_SITTING_MS) } },
        orderBy: { createdAt: "desc" },
        select: { id: true, movementIds: true },
      });
      if (open) {
        const ids = [...new Set([...open.movementIds, ...(d.movementIds ?? [])])];
        await tx.workloadSuggestion.update({
          where: { id: open.id },
          data: { movementIds: ids, movementId: ids.length === 1 ? ids[0] : null, quantity: ids.length, suggestedMinutes: ids.length * perItem, summary: `Labels printed for ${plural(ids.length, "record", "records")}: bagging and labelling them` },
        });
        made++;
        continue;
      }
    }
    const created = await tx.workloadSuggestion.createMany({
      data: [
        {
          triggerKey: d.triggerKey,
          trigger: d.trigger,
          organisationId: practiceId,
          siteId: d.siteId,
          userId: actor.id,
          taskCode: d.taskCode,
          quantity: d.quantity,
          suggestedMinutes: d.minutes ?? d.quantity * perItem,
          cause: d.cause,
          date,
          movementId: d.movementId ?? null,
          movementIds: d.movementIds ?? (d.movementId ? [d.movementId] : []),
          collectionId: d.collectionId ?? null,
          caseId: d.caseId ?? null,
          incidentId: d.incidentId ?? null,
          harmReviewId: d.harmReviewId ?? null,
          grade: d.grade ?? null,
          summary: d.summary.slice(0, 200),
          createdAt: now,
        },
      ],
      skipDuplicates: true,
    });
    made += created.count;
  }
  return made;
}
