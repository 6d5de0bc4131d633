import type { Metadata } from "next";
import Link from "next/link";
import { db } from "@/lib/db/client";
import { requireAudience } from "@/lib/auth/session";
import { organisationDetail } from "@/lib/organisations/admin";
import { orNotFound } from "@/lib/http/not-found";
import { KIND_LABELS } from "@/lib/movements/labels";
import { ROLE_LABELS } from "@/lib/auth/roles";
import type { Role } from "@/lib/db/generated/enums";
import { formatDateTime, formatNumber } from "@/lib/format";
import { BackLink } from "@/components/ui/BackLink";
import { SummaryList } from "@/components/ui/SummaryList";
import { Tag } from "@/components/ui/StatusTag";
import { ResponsiveTable } from "@/components/ui/ResponsiveTable";
import { ButtonLink } from "@/components/ui/ButtonLink";
import { BranchSurgeryForm, CloseOrganisationForm } from "@/components/admin/OrganisationForms";

export const metadata: Metadata = { title: "Organisation" };

const NOTICES: Record<string, string> = {
  added: "Branch surgery added. Its staff work for the main practice; records can be sent from it and collected there.",
  corrected: "Branch surgery corrected. New labels carry the new details.",
  closed: "Marked closed. It can no longer be chosen as a destination; its history stays.",
  reopened: "Marked open again.",
};

export default async function Page({ params, searchParams }: { params: Promise<{ odsCode: string }>; searchParams: Promise<Record<string, string | undefined>> }) {
  const actor = await requireAudience("admin");
  const o = await orNotFound(organisationDetail(db, actor, (await params).odsCode));
  const { changed } = await searchParams;
  return (
    <>
      <BackLink href="/admin/organisations">Back to organisations</BackLink>
      {changed && NOTICES[changed] ? (
        <p role="status" className="mb-6 border-l-4 border-nhs-green bg-white p-4 font-bold">
          {NOTICES[changed]}
        </p>
      ) : null}
      <h1>
        <span className="block text-nhs-s text-nhs-secondary">{KIND_LABELS[o.kind]}</span>
        {o.name} ({o.odsCode})
      </h1>
      <SummaryList
        rows={[
          { key: "Address", value: [...o.addressLines, o.postcode].filter(Boolean).join(", ") || "—" },
          { key: "Status", value: o.closedAt ? <Tag tone="grey">{`Closed ${formatDateTime(o.closedAt)}`}</Tag> : <Tag tone="green">Open</Tag> },
          ...(o.parent ? [{ key: "Part of", value: <Link href={`/admin/organisations/${o.parent.odsCode}`}>{`${o.parent.name} (${o.parent.odsCode})`}</Link> }] : []),
          { key: "Nation", value: o.country.charAt(0) + o.country.slice(1).toLowerCase().replace("_", " ") },
          ...(o.region ? [{ key: "NHS England region", value: o.region }] : []),
          ...(o.icb ? [{ key: "Integrated care board", value: o.icb }] : []),
          { key: "Open movements", value: `${formatNumber(o.openIncoming)} coming to it, ${formatNumber(o.openOutgoing)} sent from it` },
          { key: "Last changed", value: formatDateTime(o.updatedAt) },
        ]}
      />
      {o.sites.length ? (
        <section aria-labelledby="sites-heading" className="mb-10">
          <h2 id="sites-heading">Sites</h2>
          <ResponsiveTable
            caption={`The practice and its branch surgeries`}
            columns={["Site", "Kind", "Postcode", "Status"]}
            rows={o.sites.map((s) => ({
              key: s.odsCode,
              cells: [
                s.current ? (
                  <span key="n" className="font-bold">
                    {s.name} ({s.odsCode}), this one
                  </span>
                ) : (
                  <Link key="n" href={`/admin/organisations/${s.odsCode}`}>
                    {s.name} ({s.odsCode})
                  </Link>
                ),
                KIND_LABELS[s.kind],
                s.postcode ?? "—",
                s.closedAt ? "Closed" : "Open",
              ],
            }))}
          />
          {o.kind === "GP_PRACTICE" && !o.closedAt ? (
            <p className="mt-4">
              <ButtonLink href={`/admin/organisations/new?parent=${o.odsCode}`} variant="secondary">
                Add a branch surgery to this practice
              </ButtonLink>
            </p>
          ) : null}
        </section>
      ) : null}
      <section aria-labelledby="users-heading" className="mb-10">
        <h2 id="users-heading">Users{o.sites.length ? " at these sites" : ""}</h2>
        {o.users.length ? (
          <ResponsiveTable
            caption="Users of the organisation"
            columns={["Name", "Role", "Site", { label: "Last sign-in", nowrap: true }, "Status"]}
            rows={o.users.map((u) => ({
              key: u.id,
              cells: [
                <span key="n">
                  <Link href={`/admin/users/${u.id}`} className="font-bold">
                    {u.name}
                  </Link>
                  <span className="block break-all text-nhs-secondary">{u.email}</span>
                </span>,
                ROLE_LABELS[u.role as Role],
                u.site,
                u.lastSignInAt ? formatDateTime(u.lastSignInAt) : "Never",
                u.disabled ? "Disabled" : "Active",
              ],
            }))}
          />
        ) : (
          <p>No users yet: practice staff get their accounts from NHS CIS2 when they first sign in.</p>
        )}
      </section>
      {o.kind === "BRANCH_SURGERY" ? (
        <section aria-labelledby="correct-heading" className="mb-10">
          <h2 id="correct-heading">Correct this branch surgery</h2>
          <BranchSurgeryForm branch={{ odsCode: o.odsCode, name: o.name, addressLines: o.addressLines, postcode: o.postcode, parentOdsCode: o.parent?.odsCode ?? "" }} />
        </section>
      ) : null}
      <section aria-labelledby="close-heading">
        <h2 id="close-heading">{o.closedAt ? "Open it again" : "Mark it closed"}</h2>
        <p className="mb-4 max-w-2xl">
          {o.closedAt
            ? "Opening it again lets practices choose it as a destination."
            : `A closed organisation cannot be chosen as a destination; its history stays.${o.openIncoming ? ` ${formatNumber(o.openIncoming)} open ${o.openIncoming === 1 ? "movement is" : "movements are"} coming to it: their senders or PCSE can correct the destination.` : ""}`}
          {o.kind === "GP_PRACTICE" ? " The ODS import sets a practice open or closed as each newer extract says." : ""}
        </p>
        <CloseOrganisationForm odsCode={o.odsCode} closed={Boolean(o.closedAt)} name={o.name} />
      </section>
    </>
  );
}
