import type { Metadata } from "next";
import { db } from "@/lib/db/client";
import { requireAudience } from "@/lib/auth/session";
import { listAuditEvents } from "@/lib/audit/queries";
import { AUDIT_ACTIONS } from "@/lib/audit/record";
import { formatDateTime } from "@/lib/format";
import { Pagination } from "@/components/ui/Pagination";
import { TableHead } from "@/components/ui/TableHead";

export const metadata: Metadata = { title: "Audit trail" };

export default async function Page({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const actor = await requireAudience("admin");
  const raw = Object.fromEntries(Object.entries(await searchParams).filter(([, v]) => typeof v === "string" && v !== ""));
  const result = await listAuditEvents(db, actor, raw);
  const f = result.filters;
  const control = "mt-1 block w-full border-2 border-nhs-text bg-white p-2";
  return (
    <>
      <h1>Audit trail</h1>
      <p className="mb-6">Every view of patient details, every search by NHS number and every change. Append-only: nothing here can be edited or deleted.</p>
      <form method="get" action="/admin" className="mb-6 grid gap-4 border border-nhs-grey-4 bg-white p-4 sm:grid-cols-4" aria-label="Filter the audit trail">
        <div>
          <label htmlFor="action" className="font-bold">Action</label>
          <select id="action" name="action" defaultValue={f.action ?? ""} className={control}>
            <option value="">Any</option>
            {AUDIT_ACTIONS.map((a) => (
              <option key={a} value={a}>{a}</option>
            ))}
          </select>
        </div>
        <div>
          <label htmlFor="actor" className="font-bold">User email contains</label>
          <input id="actor" name="actor" defaultValue={f.actor ?? ""} className={control} maxLength={254} />
        </div>
        <div>
          <label htmlFor="patientId" className="font-bold">Patient id</label>
          <input id="patientId" name="patientId" defaultValue={f.patientId ?? ""} className={control} maxLength={36} />
        </div>
        <div className="self-end">
          <button type="submit" className="rounded bg-nhs-blue px-4 py-2 font-bold text-white shadow-[0_4px_0_#003087]">Apply filters</button>
        </div>
      </form>
      <div className="overflow-x-auto">
        <table className="w-full border-collapse bg-white text-left text-nhs-small">
          <caption className="sr-only">Audit events, newest first</caption>
          <TableHead columns={["When", "Who", "Action", "What", "Patient id", "Request"]} />
          <tbody>
            {result.rows.map((e) => (
              <tr key={e.id} className="border-b border-nhs-grey-4 align-top">
                <td className="p-2 whitespace-nowrap">{formatDateTime(e.occurredAt)}</td>
                <td className="p-2">{e.actorEmail ?? "—"}<span className="block text-nhs-secondary">{e.actorRole ?? ""}</span></td>
                <td className="p-2">{e.action}</td>
                <td className="p-2">{e.entityType ? `${e.entityType} ${e.entityId ?? ""}` : "—"}</td>
                <td className="p-2 font-mono text-xs">{e.patientId ?? "—"}</td>
                <td className="p-2 font-mono text-xs">{e.requestId ?? "—"}{e.ipAddress ? <span className="block">{e.ipAddress}</span> : null}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <Pagination page={result.page} pageCount={result.pageCount} total={result.total} basePath="/admin" noun="audit events" params={Object.fromEntries(Object.entries({ action: f.action, actor: f.actor, patientId: f.patientId }).filter((e): e is [string, string] => Boolean(e[1])))} />
    </>
  );
}
