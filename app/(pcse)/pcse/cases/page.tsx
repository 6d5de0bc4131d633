import { titleWithProblem } from "@/lib/http/error-title";
import { db } from "@/lib/db/client";
import { requireAudience } from "@/lib/auth/session";
import { can } from "@/lib/auth/permissions";
import { CASE_DUE_FILTERS, CASE_STATUS_FILTERS, caseQueue, listCaseworkers } from "@/lib/cases/queries";
import { takeNextCaseAction } from "@/lib/cases/actions";
import { CASE_KINDS, CASE_KIND_LABELS } from "@/lib/cases/kinds";
import { CASE_STATUS_LABELS } from "@/lib/cases/rules";
import { REGIONS } from "@/lib/reference/regions";
import { londonDate } from "@/lib/nhs/working-days";
import { formatNumber } from "@/lib/format";
import { Button } from "@/components/ui/Button";
import { Pagination } from "@/components/ui/Pagination";
import { CaseQueueTable } from "@/components/cases/CaseQueueTable";
import { AssignCasesForm } from "@/components/cases/AssignCasesForm";

// "Take the next case" refused or failed comes back here with ?problem=: the title then says "Error: ".
export const generateMetadata = titleWithProblem("Cases");

const DUE_LABELS: Record<(typeof CASE_DUE_FILTERS)[number], string> = { any: "Any time", breached: "Breached", today: "Due today (or before)", week: "Due within 7 days" };
const STATUS_FILTER_LABELS: Record<string, string> = { open: "All open cases", all: "Any status", ...CASE_STATUS_LABELS };

// A long choice ("Demographics disagree between senders (12)") must not widen the page on a phone.
const selectClass = "mt-1 block w-full max-w-full border-2 border-nhs-text bg-white p-2";

export default async function Page({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const actor = await requireAudience("pcse");
  const raw = Object.fromEntries(Object.entries(await searchParams).filter(([, v]) => typeof v === "string" && v !== "")) as Record<string, string>;
  const [q, caseworkers] = await Promise.all([caseQueue(db, actor, raw), listCaseworkers(db, actor)]);
  const p = q.params;
  const supervisor = can(actor.role, "case:supervise");
  const filters: Record<string, string> = Object.fromEntries(
    Object.entries({ kind: p.kind, status: p.status, owner: p.owner, region: p.region, due: p.due }).filter(([k, v]) => v !== ({ kind: "all", status: "open", owner: "any", region: "all", due: "any" } as Record<string, string>)[k]),
  );
  // A count the queue did not work out (resolved and closed cases, in the open views) is left out, not shown as 0.
  const count = (n: number | undefined) => (n === undefined ? "" : ` (${formatNumber(n)})`);
  const refused = raw.refused ? raw.refused.split(",").filter((r) => /^CS-[0-9A-Z]{4}-[0-9A-Z]{4}$/.test(r)) : [];
  return (
    <>
      <h1>Cases</h1>
      {raw.assigned && /^\d+$/.test(raw.assigned) ? (
        <div role="status" className="mb-6 border-l-4 border-nhs-green bg-white p-4">
          <p className="font-bold">
            {raw.assigned} {raw.assigned === "1" ? "case" : "cases"} assigned.
          </p>
          {refused.length ? <p>Not assigned (open each to see why): {refused.join(", ")}.</p> : null}
        </div>
      ) : null}
      {raw.next === "none" ? (
        <p role="status" className="mb-6 border-l-4 border-nhs-blue bg-white p-4">
          There is no unowned open case to take.
        </p>
      ) : null}
      {raw.problem ? (
        <p role="alert" className="mb-6 border-l-4 border-nhs-red bg-white p-4">
          Something went wrong taking the next case. Try again.
        </p>
      ) : null}
      <p className="mb-4">Breached cases first, then the nearest due date. {formatNumber(q.counts.unassigned)} open cases here have no owner; {formatNumber(q.counts.mine)} are yours.</p>
      <form action={takeNextCaseAction} className="mb-6">
        <Button type="submit">Take the next case</Button>
      </form>
      <form method="get" action="/pcse/cases" className="mb-6 flex flex-wrap items-end gap-4" aria-label="Filter the cases">
        <div className="min-w-0 max-w-full">
          <label htmlFor="kind" className="block font-bold">Problem</label>
          <select id="kind" name="kind" defaultValue={p.kind} className={selectClass}>
            <option value="all">Any problem{count(q.counts.kind.all)}</option>
            {CASE_KINDS.map((k) => (
              <option key={k} value={k}>
                {CASE_KIND_LABELS[k]}
                {count(q.counts.kind[k] ?? 0)}
              </option>
            ))}
          </select>
        </div>
        <div className="min-w-0 max-w-full">
          <label htmlFor="status" className="block font-bold">Status</label>
          <select id="status" name="status" defaultValue={p.status} className={selectClass}>
            {CASE_STATUS_FILTERS.map((s) => (
              <option key={s} value={s}>
                {STATUS_FILTER_LABELS[s]}
                {count(q.counts.status[s])}
              </option>
            ))}
          </select>
        </div>
        <div className="min-w-0 max-w-full">
          <label htmlFor="owner" className="block font-bold">Owner</label>
          <select id="owner" name="owner" defaultValue={p.owner} className={selectClass}>
            <option value="any">Anyone or nobody</option>
            <option value="me">Me{count(q.counts.mine)}</option>
            <option value="none">Nobody yet{count(q.counts.unassigned)}</option>
            {caseworkers
              .filter((w) => w.id !== actor.id)
              .map((w) => (
                <option key={w.id} value={w.id}>
                  {w.name}
                </option>
              ))}
          </select>
        </div>
        <div className="min-w-0 max-w-full">
          <label htmlFor="region" className="block font-bold">Region</label>
          <select id="region" name="region" defaultValue={p.region} className={selectClass}>
            <option value="all">All of England</option>
            {REGIONS.map((r) => (
              <option key={r.code} value={r.code}>
                {r.name}
              </option>
            ))}
          </select>
        </div>
        <div className="min-w-0 max-w-full">
          <label htmlFor="due" className="block font-bold">Due</label>
          <select id="due" name="due" defaultValue={p.due} className={selectClass}>
            {CASE_DUE_FILTERS.map((d) => (
              <option key={d} value={d}>
                {DUE_LABELS[d]}
                {count(q.counts.due[d])}
              </option>
            ))}
          </select>
        </div>
        <Button type="submit" variant="secondary">Show cases</Button>
      </form>
      {q.rows.length ? (
        <AssignCasesForm
          id="assign-form"
          filters={{ ...filters, ...(p.page > 1 ? { page: String(p.page) } : {}) }}
          people={supervisor ? caseworkers : caseworkers.filter((w) => w.id === actor.id)}
          firstReference={q.rows[0]?.reference ?? null}
        />
      ) : null}
      <CaseQueueTable rows={q.rows} today={londonDate(new Date())} caption={`Cases, breached first then by due date, ${q.total} in all`} selectForm="assign-form" />
      <Pagination page={q.page} pageCount={q.pageCount} total={q.total} basePath="/pcse/cases" noun={q.total === 1 ? "case" : "cases"} params={filters} />
    </>
  );
}
