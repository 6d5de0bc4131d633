import type { Metadata } from "next";
import Link from "next/link";
import { db } from "@/lib/db/client";
import { requireAudience } from "@/lib/auth/session";
import { lastOdsImport, listOrganisations } from "@/lib/organisations/admin";
import { KIND_LABELS } from "@/lib/movements/labels";
import { formatDateTime, formatNumber } from "@/lib/format";
import { ResponsiveTable } from "@/components/ui/ResponsiveTable";
import { Pagination } from "@/components/ui/Pagination";
import { Button } from "@/components/ui/Button";
import { ButtonLink } from "@/components/ui/ButtonLink";
import { Tag } from "@/components/ui/StatusTag";

export const metadata: Metadata = { title: "Organisations" };

const control = "mt-1 block w-full max-w-full border-2 border-nhs-text bg-white p-2";

function Codes({ label, codes, total, names }: { label: string; codes: string[]; total: number; names: Record<string, string> }) {
  if (total === 0) return null;
  return (
    <details className="mb-2">
      <summary className="cursor-pointer font-bold text-nhs-blue underline">
        {label}: {formatNumber(total)}
      </summary>
      <ul className="mt-2 list-disc pl-6 text-nhs-small">
        {codes.map((c) => (
          <li key={c}>
            <Link href={`/admin/organisations/${c}`}>{names[c] ? `${names[c]} (${c})` : c}</Link>
          </li>
        ))}
        {total > codes.length ? <li>and {formatNumber(total - codes.length)} more</li> : null}
      </ul>
    </details>
  );
}

export default async function Page({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const actor = await requireAudience("admin");
  const raw = Object.fromEntries(Object.entries(await searchParams).filter((e): e is [string, string] => typeof e[1] === "string" && e[1] !== ""));
  const [result, run] = await Promise.all([listOrganisations(db, actor, raw), lastOdsImport(db, actor)]);
  const f = result.filters;
  const kept = Object.fromEntries(Object.entries({ q: f.q, kind: f.kind, status: f.status === "all" ? undefined : f.status }).filter((e): e is [string, string] => Boolean(e[1])));
  return (
    <>
      <h1>Organisations</h1>
      <p className="mb-4">GP practices come from the NHS ODS practice extract; branch surgeries are added here (the extract lists none).</p>
      <p className="mb-6">
        <ButtonLink href="/admin/organisations/new">Add a branch surgery</ButtonLink>
      </p>
      <section aria-labelledby="import-heading" className="mb-8 border-l-4 border-nhs-blue bg-white p-4">
        <h2 id="import-heading" className="text-nhs-s">
          The ODS practice import
        </h2>
        {run ? (
          <>
            <p className="mb-2">
              Last run {formatDateTime(run.startedAt)} from <code>{run.source}</code>: {formatNumber(run.practices)} active practices, {formatNumber(run.added)} added, {formatNumber(run.updated)} updated,{" "}
              {formatNumber(run.reopened)} open again, {formatNumber(run.closed)} marked closed
              {run.skippedUnknownIcb ? `, ${formatNumber(run.skippedUnknownIcb)} with an ICB the portal does not know (kept without one)` : ""}.
            </p>
            <Codes label="Added" codes={run.changes.added} total={run.added} names={run.names} />
            <Codes label="Updated" codes={run.changes.updated} total={run.updated} names={run.names} />
            <Codes label="Open again" codes={run.changes.reopened} total={run.reopened} names={run.names} />
            <Codes label="Marked closed" codes={run.changes.closed} total={run.closed} names={run.names} />
          </>
        ) : (
          <p>Not run yet.</p>
        )}
        <p className="mt-2 text-nhs-small text-nhs-secondary">
          To import a newer extract: <code>npm run db:import-ods -- epraccur.csv</code>
        </p>
      </section>
      <form method="get" action="/admin/organisations" className="mb-6 grid gap-4 border border-nhs-grey-4 bg-white p-4 sm:grid-cols-2 lg:grid-cols-4" aria-label="Search organisations">
        <div className="sm:col-span-2">
          <label htmlFor="q" className="font-bold">
            Search
          </label>
          <span id="q-hint" className="block text-nhs-small text-nhs-secondary">
            ODS code, name or postcode
          </span>
          <input id="q" name="q" type="search" defaultValue={f.q} aria-describedby="q-hint" maxLength={100} className={control} />
        </div>
        <div>
          <label htmlFor="kind" className="font-bold">
            Kind
          </label>
          <select id="kind" name="kind" defaultValue={f.kind ?? ""} className={control}>
            <option value="">Any kind</option>
            {Object.entries(KIND_LABELS).map(([k, label]) => (
              <option key={k} value={k}>
                {label}
              </option>
            ))}
          </select>
        </div>
        <div>
          <label htmlFor="status" className="font-bold">
            Status
          </label>
          <select id="status" name="status" defaultValue={f.status} className={control}>
            <option value="all">Open and closed</option>
            <option value="open">Open</option>
            <option value="closed">Closed</option>
          </select>
        </div>
        <div className="flex flex-wrap items-center gap-4 sm:col-span-2 lg:col-span-4">
          <Button type="submit" variant="secondary">
            Search
          </Button>
          {Object.keys(kept).length ? <Link href="/admin/organisations">Clear</Link> : null}
        </div>
      </form>
      {result.rows.length ? (
        <ResponsiveTable
          caption={`Organisations, ${result.total.toLocaleString("en-GB")} in all`}
          columns={["Organisation", "Kind", "Where", "Part of", { label: "Users", numeric: true }, "Status"]}
          rows={result.rows.map((o) => ({
            key: o.odsCode,
            cells: [
              <span key="n">
                <Link href={`/admin/organisations/${o.odsCode}`} className="font-bold">
                  {o.name}
                </Link>{" "}
                <span className="text-nhs-secondary">({o.odsCode})</span>
              </span>,
              KIND_LABELS[o.kind],
              [o.town, o.postcode].filter(Boolean).join(", ") || "—",
              o.parent ?? "—",
              o.users,
              o.closedAt ? <Tag key="s" tone="grey">Closed</Tag> : <Tag key="s" tone="green">Open</Tag>,
            ],
          }))}
        />
      ) : (
        <p className="border-l-4 border-nhs-blue bg-white p-4">No organisation matches.</p>
      )}
      <Pagination page={result.page} pageCount={result.pageCount} total={result.total} basePath="/admin/organisations" noun="organisations" params={kept} />
    </>
  );
}
