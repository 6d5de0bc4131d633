import type { Metadata } from "next";
import Link from "next/link";
import { db } from "@/lib/db/client";
import { requireAudience } from "@/lib/auth/session";
import { listUsers } from "@/lib/users/queries";
import { ROLE_LABELS, ROLES } from "@/lib/auth/roles";
import { formatDateTime } from "@/lib/format";
import { ResponsiveTable } from "@/components/ui/ResponsiveTable";
import { Pagination } from "@/components/ui/Pagination";
import { Button } from "@/components/ui/Button";
import { ButtonLink } from "@/components/ui/ButtonLink";
import { Tag } from "@/components/ui/StatusTag";

export const metadata: Metadata = { title: "Users" };

const control = "mt-1 block w-full max-w-full border-2 border-nhs-text bg-white p-2";
const SIGN_IN = { cis2: "NHS CIS2", password: "Demo password", none: "Not yet" } as const;

export default async function Page({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const actor = await requireAudience("admin");
  const raw = Object.fromEntries(Object.entries(await searchParams).filter((e): e is [string, string] => typeof e[1] === "string" && e[1] !== ""));
  const result = await listUsers(db, actor, raw);
  const f = result.filters;
  const kept = Object.fromEntries(Object.entries({ q: f.q, role: f.role, status: f.status === "all" ? undefined : f.status }).filter((e): e is [string, string] => Boolean(e[1])));
  return (
    <>
      <h1>Users</h1>
      <p className="mb-4">Practice staff get their accounts from NHS CIS2 when they first sign in. Create PCSE and commissioner accounts here; disable anyone at once.</p>
      <p className="mb-6">
        <ButtonLink href="/admin/users/new">Create a PCSE or commissioner account</ButtonLink>
      </p>
      <form method="get" action="/admin/users" className="mb-6 grid gap-4 border border-nhs-grey-4 bg-white p-4 sm:grid-cols-2 lg:grid-cols-4" aria-label="Search users">
        <div className="sm:col-span-2">
          <label htmlFor="q" className="font-bold">
            Search
          </label>
          <span id="q-hint" className="block text-nhs-small text-nhs-secondary">
            Name, email, or organisation name or ODS code
          </span>
          <input id="q" name="q" type="search" defaultValue={f.q} aria-describedby="q-hint" maxLength={100} className={control} />
        </div>
        <div>
          <label htmlFor="role" className="font-bold">
            Role
          </label>
          <select id="role" name="role" defaultValue={f.role ?? ""} className={control}>
            <option value="">Any role</option>
            {ROLES.map((r) => (
              <option key={r} value={r}>
                {ROLE_LABELS[r]}
              </option>
            ))}
          </select>
        </div>
        <div>
          <label htmlFor="status" className="font-bold">
            Status
          </label>
          <select id="status" name="status" defaultValue={f.status} className={control}>
            <option value="all">Active and disabled</option>
            <option value="active">Active</option>
            <option value="disabled">Disabled</option>
          </select>
        </div>
        <div className="flex flex-wrap items-center gap-4 sm:col-span-2 lg:col-span-4">
          <Button type="submit" variant="secondary">
            Search
          </Button>
          {Object.keys(kept).length ? <Link href="/admin/users">Clear</Link> : null}
        </div>
      </form>
      {result.rows.length ? (
        <ResponsiveTable
          caption={`Users, most recently signed in first, ${result.total.toLocaleString("en-GB")} in all`}
          columns={["Name", "Role", "Organisation or region", { label: "Last sign-in", nowrap: true }, "Signs in with", "Status"]}
          rows={result.rows.map((u) => ({
            key: u.id,
            cells: [
              <span key="n">
                <Link href={`/admin/users/${u.id}`} className="font-bold">
                  {u.name}
                </Link>
                <span className="block break-all text-nhs-secondary">{u.email}</span>
              </span>,
              ROLE_LABELS[u.role],
              u.organisation ?? (u.role === "COMMISSIONER" ? (u.regionCode ? `Region ${u.regionCode}` : "National") : "—"),
              u.lastSignInAt ? formatDateTime(u.lastSignInAt) : "Never",
              SIGN_IN[u.signIn],
              u.disabled ? <Tag key="s" tone="red">Disabled</Tag> : <Tag key="s" tone="green">Active</Tag>,
            ],
          }))}
        />
      ) : (
        <p className="border-l-4 border-nhs-blue bg-white p-4">No user matches.</p>
      )}
      <Pagination page={result.page} pageCount={result.pageCount} total={result.total} basePath="/admin/users" noun="users" params={kept} />
    </>
  );
}
