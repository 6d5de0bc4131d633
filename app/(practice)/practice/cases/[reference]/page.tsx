import type { Metadata } from "next";
import Link from "next/link";
import { db } from "@/lib/db/client";
import { requireAudience } from "@/lib/auth/session";
import { orNotFound } from "@/lib/http/not-found";
import { getPracticeCase } from "@/lib/cases/queries";
import { OUTCOME_LABELS, MISSING_STAGE_LABELS } from "@/lib/cases/rules";
import { TASK_KIND_LABELS, TASK_STATUS_LABELS } from "@/lib/cases/labels";
import { URGENT_BASIS_LABELS } from "@/lib/urgent/schemas";
import { formatNhsNumber } from "@/lib/nhs/nhs-number";
import { formatCalendarDate, formatDateTime } from "@/lib/format";
import { BackLink } from "@/components/ui/BackLink";
import { SummaryList } from "@/components/ui/SummaryList";
import { CaseStatusTag, MissingStageTag } from "@/components/cases/CaseStatusTag";
import { CaseMovements } from "@/components/cases/CaseMovements";
import { CaseTimeline } from "@/components/cases/CaseTimeline";
import { CaseDetailsList } from "@/components/cases/CaseDetailsList";
import { MessageForm, SearchAnswerForm, TaskForm, WithdrawForm } from "@/components/cases/PracticeCaseAnswers";

export const metadata: Metadata = { title: "Case" };

const NOTICES: Record<string, string> = {
  raised: "Case raised. PCSE has it in its queue; you will see here what it does.",
  joined: "PCSE already has a case open for this problem: your report has been added to it.",
  replied: "Answer sent. PCSE can see it on the case.",
  withdrawn: "Case withdrawn.",
  task: "Thank you: the task is recorded as done.",
};

export default async function Page({ params, searchParams }: { params: Promise<{ reference: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const actor = await requireAudience("practice");
  const { reference } = await params;
  const query = await searchParams;
  const c = await orNotFound(getPracticeCase(db, actor, reference));
  const notice = (["raised", "joined", "replied", "withdrawn"] as const).find((k) => query[k] === "1") ?? (query.task === "done" ? "task" : null);
  const openTasks = c.tasks.filter((t) => t.status === "OPEN");
  const search = openTasks.find((t) => t.kind === "SEARCH_FOR_RECORD");
  const otherTasks = openTasks.filter((t): t is typeof t & { kind: "RECONSTITUTE_RECORD" | "MERGE_FOUND_RECORD" } => t.kind !== "SEARCH_FOR_RECORD");
  const waiting = c.canReply && openTasks.length > 0;
  return (
    <>
      <BackLink href="/practice/cases">Back to cases</BackLink>
      {notice ? (
        <p role="status" className="mb-6 border-l-4 border-nhs-green bg-white p-4 font-bold">
          {NOTICES[notice]}
        </p>
      ) : null}
      <h1>
        <span className="block text-nhs-s text-nhs-secondary">Case: {c.kindLabel}</span>
        {c.reference}
      </h1>
      <p className="mb-6 flex flex-wrap items-center gap-3">
        <CaseStatusTag status={c.status} />
        <MissingStageTag stage={c.missingStage} />
        {c.clocks.resolution.state !== "met" && c.status !== "RESOLVED" && c.status !== "CLOSED" ? <span>PCSE aims to resolve it by {formatCalendarDate(c.clocks.resolution.dueDate)}</span> : null}
      </p>
      {waiting ? (
        <section aria-labelledby="waiting-heading" className="mb-8 border-l-8 border-nhs-warm-yellow bg-white p-4">
          <h2 id="waiting-heading">PCSE is waiting for your practice</h2>
          {search ? (
            <div className="mb-6">
              <h3>Search for the record{search.dueDate ? `, by ${formatCalendarDate(search.dueDate)}` : ""}</h3>
              <p className="mb-4">Look wherever the record could be at your practice (the post room, the notes store, a branch surgery) and tell PCSE what you found.</p>
              <SearchAnswerForm reference={c.reference} />
            </div>
          ) : null}
          {otherTasks.map((t) => (
            <div key={t.id} className="mb-6">
              <h3>
                {TASK_KIND_LABELS[t.kind]}
                {t.dueDate ? `, by ${formatCalendarDate(t.dueDate)}` : ""}
              </h3>
              <TaskForm taskId={t.id} kind={t.kind} />
            </div>
          ))}
        </section>
      ) : null}
      <div className="grid gap-8 lg:grid-cols-3">
        <div className="min-w-0 lg:col-span-2">
          <SummaryList
            rows={[
              { key: "Problem", value: c.kindLabel },
              { key: "Summary", value: c.summary },
              { key: "Raised by", value: c.raisedBy ? `${c.raisedBy.name} (${c.raisedBy.odsCode})` : c.origin === "CLOCK_SWEEP" ? "The portal, when the record went past its service level" : "PCSE" },
              { key: "Opened", value: formatDateTime(c.openedAt) },
              ...(c.details ? [{ key: "Details", value: <CaseDetailsList details={c.details} /> }] : []),
              ...(c.receivedNhsNumber ? [{ key: "NHS number on the record you received", value: formatNhsNumber(c.receivedNhsNumber) }] : []),
              ...(c.urgentRequest
                ? [{ key: "Urgent request", value: <><Link href={`/practice/requests/${c.urgentRequest.reference}`}>{c.urgentRequest.reference}</Link>: {URGENT_BASIS_LABELS[c.urgentRequest.basis as keyof typeof URGENT_BASIS_LABELS]}</> }]
                : []),
              ...(c.collection ? [{ key: "Collection", value: `${c.collection.reference}, booked for ${formatCalendarDate(c.collection.collectionDate)}` }] : []),
              ...(c.missingStage ? [{ key: "Search for the record", value: MISSING_STAGE_LABELS[c.missingStage] }] : []),
              ...(c.found ? [{ key: "Found", value: `${formatDateTime(c.found.at)}${c.found.where ? `, at ${c.found.where}` : ""}` }] : []),
              ...(c.outcome ? [{ key: "Outcome", value: `${OUTCOME_LABELS[c.outcome]}${c.outcomeNote ? `: ${c.outcomeNote}` : ""}` }] : []),
              ...(c.resolvedAt ? [{ key: "Resolved", value: formatDateTime(c.resolvedAt) }] : []),
              ...(c.closedAt ? [{ key: "Closed", value: formatDateTime(c.closedAt) }] : []),
            ]}
          />
          <CaseMovements movements={c.movements} basePath="/practice/movements" />
          {c.tasks.some((t) => t.status !== "OPEN") ? (
            <section aria-labelledby="done-tasks-heading" className="mb-8">
              <h2 id="done-tasks-heading">Tasks for your practice</h2>
              <ul className="space-y-2">
                {c.tasks
                  .filter((t) => t.status !== "OPEN")
                  .map((t) => (
                    <li key={t.id} className="bg-white p-3">
                      {TASK_KIND_LABELS[t.kind]}: {TASK_STATUS_LABELS[t.status].toLowerCase()}
                      {t.completedAt ? `, ${formatDateTime(t.completedAt)}` : ""}
                    </li>
                  ))}
              </ul>
            </section>
          ) : null}
          {c.canReply ? (
            <section aria-labelledby="message-heading" className="mb-8">
              <h2 id="message-heading">Send PCSE a message</h2>
              <MessageForm reference={c.reference} />
            </section>
          ) : null}
          {c.canWithdraw ? (
            <details className="mb-8 border border-nhs-grey-4 bg-white p-4">
              <summary className="cursor-pointer font-bold text-nhs-blue underline">Withdraw the case</summary>
              <div className="mt-4">
                <p className="mb-4">If the problem has gone away (for example the record arrived after all), withdraw the case so PCSE stops work on it.</p>
                <WithdrawForm reference={c.reference} />
              </div>
            </details>
          ) : null}
        </div>
        <div className="min-w-0">
          <h2>What has happened</h2>
          <p className="mb-4 text-nhs-small">Everything PCSE has shared on the case, oldest first.</p>
          <CaseTimeline entries={c.timeline} label="What has happened on the case, oldest first" />
        </div>
      </div>
    </>
  );
}
