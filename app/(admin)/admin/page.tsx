import { hasProblem, titleWithProblem } from "@/lib/http/error-title";
import Link from "next/link";
import { db } from "@/lib/db/client";
import { requireAudience } from "@/lib/auth/session";
import { listAuditEvents } from "@/lib/audit/queries";
import { AUDIT_ACTIONS } from "@/lib/audit/record";
import { AUDIT_ACTION_LABELS } from "@/lib/audit/labels";
import { filterAuditAction } from "@/lib/audit/actions";
import { loadSavedSearch } from "@/lib/movements/saved-searches";
import { formatDateTime, formatNumber } from "@/lib/format";
import { Pagination } from "@/components/ui/Pagination";
import { ResponsiveTable } from "@/components/ui/ResponsiveTable";
import { Button } from "@/components/ui/Button";
import { ButtonAnchor } from "@/components/ui/ButtonLink";

export const generateMetadata = titleWithProblem("Audit trail");

const control = "mt-1 block w-full max-w-full border-2 border-nhs-text bg-white p-2";
const ACTIONS_BY_LABEL = [...AUDIT_ACTIONS].sort((a, b) => AUDIT_ACTION_LABELS[a].localeCompare(AUDIT_ACTION_LABELS[b]));

export default async function Page({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const actor = await requireAudience("admin");
  const raw = Object.fromEntries(Object.entries(await searchParams).filter((e): e is [string, string] => typeof e[1] === "string" && e[1] !== ""));
  // The NHS number comes only from the administrator's saved search (?s=id), never from the URL itself.
  const saved = await loadSavedSearch(db, actor, "audit", raw.s);
  const result = await listAuditEvents(db, actor, raw, saved.query || null);
  const f = result.filters;
  const kept: Record<string, string> = Object.fromEntries(
    Object.entries({ from: f.from, to: f.to, user: f.user, organisation: f.organisation, action: f.action, reference: f.reference, s: saved.query ? raw.s : undefined }).filter((e): e is [string, string] => Boolean(e[1])),
  );
  const exportHref = `/api/audit/export${Object.keys(kept).length ? `?${new URLSearchParams(kept).toString()}` : ""}`;
  const filtered = Object.keys(kept).length > 0;
  return (
    <>
      <h1>Audit trail</h1>
      <p className="mb-6">Every view of patient details, every search by NHS number and every change. Append-only: nothing here can be edited or deleted.</p>
      {hasProblem(raw.problem) ? (
        <p role="alert" className="mb-6 border-l-4 border-nhs-red bg-white p-4">
          {raw.problem === "invalid"
            ? "Those filters could not be used. An NHS number is 10 digits that pass the check digit test; the other boxes take no long numbers; dates need a day, month and year."
            : "Something went wrong with those filters. Try again."}
        </p>
      ) : null}
      {"expired" in saved && saved.expired ? (
        <p role="status" className="mb-6 border-l-4 border-nhs-warm-yellow bg-white p-4">
          Your NHS number filter has expired. Filter again.
        </p>
      ) : null}
      <form action={filterAuditAction} className="mb-6 grid gap-4 border border-nhs-grey-4 bg-white p-4 sm:grid-cols-2 lg:grid-cols-4" aria-label="Filter the audit trail">
        <div>
          <label htmlFor="from" className="font-bold">
            From
          </label>
          <input id="from" name="from" type="date" defaultValue={f.from} className={control} />
        </div>
        <div>
          <label htmlFor="to" className="font-bold">
            To
          </label>
          <input id="to" name="to" type="date" defaultValue={f.to} className={control} />
        </div>
        <div>
          <label htmlFor="user" className="font-bold">
            User
          </label>
          <span id="user-hint" className="block text-nhs-small text-nhs-secondary">
            Name or email
          </span>
          <input id="user" name="user" defaultValue={f.user} aria-describedby="user-hint" className={control} maxLength={100} autoComplete="off" />
        </div>
        <div>
          <label htmlFor="organisation" className="font-bold">
            Organisation
          </label>
          <span id="organisation-hint" className="block text-nhs-small text-nhs-secondary">
            ODS code or name
          </span>
          <input id="organisation" name="organisation" defaultValue={f.organisation} aria-describedby="organisation-hint" className={control} maxLength={100} autoComplete="off" />
        </div>
        <div className="sm:col-span-2">
          <label htmlFor="action" className="font-bold">
            Action
          </label>
          <select id="action" name="action" defaultValue={f.action ?? ""} className={control}>
            <option value="">Any action</option>
            {ACTIONS_BY_LABEL.map((a) => (
              <option key={a} value={a}>
                {AUDIT_ACTION_LABELS[a]}
              </option>
            ))}
          </select>
        </div>
        <div>
          <label htmlFor="reference" className="font-bold">
            Movement reference
          </label>
          <span id="reference-hint" className="block text-nhs-small text-nhs-secondary">
            For example RM-7Q4K-2M9D
          </span>
          <input id="reference" name="reference" defaultValue={f.reference} aria-describedby="reference-hint" className={control} maxLength={20} autoComplete="off" spellCheck={false} />
        </div>
        <div>
          <label htmlFor="nhsNumber" className="font-bold">
            NHS number
          </label>
          <span id="nhsNumber-hint" className="block text-nhs-small text-nhs-secondary">
            Looking a patient up is recorded
          </span>
          <input id="nhsNumber" name="nhsNumber" inputMode="numeric" defaultValue={result.nhsNumber ?? ""} aria-describedby="nhsNumber-hint" className={control} maxLength={14} autoComplete="off" spellCheck={false} />
        </div>
        <div className="flex flex-wrap items-center gap-4 sm:col-span-2 lg:col-span-4">
          <Button type="submit" variant="secondary">
            Apply filters
          </Button>
          {filtered ? <Link href="/admin">Clear filters</Link> : null}
        </div>
      </form>
      {result.notes.map((n) => (
        <p key={n} className="mb-4 border-l-4 border-nhs-warm-yellow bg-white p-3">
          {n}.
        </p>
      ))}
      <div className="mb-4 flex flex-wrap items-center justify-between gap-4">
        <p className="font-bold">
          {formatNumber(result.total)} {result.total === 1 ? "event" : "events"}
          {filtered ? " match these filters" : ""}
        </p>
        {result.total > 0 ? (
          <ButtonAnchor href={exportHref} variant="reverse" className="border border-nhs-grey-3" download>
            Download {filtered ? "these" : "all"} events (CSV)
          </ButtonAnchor>
        ) : null}
      </div>
      {result.rows.length ? (
        <ResponsiveTable
          caption={`Audit events, newest first${result.pageCount > 1 ? `, page ${result.page} of ${result.pageCount}` : ""}`}
          columns={[{ label: "When", nowrap: true }, "Who", "Action", "About", "Patient", "Request"]}
          rows={result.rows.map((e) => ({
            key: e.id,
            cells: [
              formatDateTime(e.occurredAt),
              <span key="w">
                <span className="font-bold">{e.who}</span>
                {e.whoEmail ? <span className="block break-all">{e.whoEmail}</span> : null}
                <span className="block text-nhs-secondary">{[e.role, e.organisation].filter(Boolean).join(", ")}</span>
              </span>,
              e.actionLabel,
              e.what ?? "—",
              e.patient ?? "—",
              <span key="r" className="font-mono text-xs break-all">
                {e.requestId ?? "—"}
                {e.ipAddress ? <span className="block">{e.ipAddress}</span> : null}
              </span>,
            ],
          }))}
        />
      ) : null}
      <Pagination page={result.page} pageCount={result.pageCount} total={result.total} basePath="/admin" noun="audit events" params={kept} />
    </>
  );
}
