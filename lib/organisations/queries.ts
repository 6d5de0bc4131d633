import "server-only";
// Organisation look-ups (no patient data): the destination typeahead and the sending-site choice.
import type { Db } from "@/lib/db/client";
import type { Country, OrganisationKind } from "@/lib/db/generated/enums";
import { requirePermission, type Actor } from "@/lib/auth/actor";

export type OrganisationOption = {
  odsCode: string;
  name: string;
  kind: OrganisationKind;
  country: Country;
  postcode: string | null;
  town: string | null;
};

export async function searchOrganisations(db: Db, actor: Actor | null, rawQuery: unknown, limit = 10): Promise<OrganisationOption[]> {
  requirePermission(actor, "organisation:search");
  const q = typeof rawQuery === "string" ? rawQuery.trim().slice(0, 60) : "";
  // No organisation's code, name or postcode has six digits in a row; such a query may be an NHS number.
  if (q.length < 2 || /\d{6,}/.test(q.replace(/[\s-]/g, "")) || /[\u0000-\u001f]/.test(q)) return [];
  const upper = q.toUpperCase();
  const rows = await db.organisation.findMany({
    where: {
      closedAt: null,
      OR: [
        { odsCode: { startsWith: upper } },
        { postcode: { startsWith: upper } },
        { name: { contains: q, mode: "insensitive" } },
      ],
    },
    select: { odsCode: true, name: true, kind: true, country: true, postcode: true, addressLines: true },
    orderBy: [{ name: "asc" }],
    take: 50,
  });
  // Exact ODS code first, then code prefixes, then postcode and name matches.
  const rank = (o: (typeof rows)[number]) => (o.odsCode === upper ? 0 : o.odsCode.startsWith(upper) ? 1 : o.postcode?.startsWith(upper) ? 2 : 3);
  return rows
    .sort((a, b) => rank(a) - rank(b) || a.name.localeCompare(b.name))
    .slice(0, limit)
    .map((o) => ({
      odsCode: o.odsCode,
      name: o.name,
      kind: o.kind,
      country: o.country,
      postcode: o.postcode,
      town: o.addressLines.at(-1) ?? null,
    }));
}

/** One organisation by its ODS code, as the typeahead shows it (e.g. to say again which destination was chosen when the
 * send form comes back with an error). Closed ones too: the form then says it has closed. */
export async function organisationByCode(db: Db, actor: Actor | null, rawCode: unknown): Promise<OrganisationOption | null> {
  requirePermission(actor, "organisation:search");
  const code = typeof rawCode === "string" ? rawCode.trim().toUpperCase() : "";
  if (!/^[A-Z0-9]{3,10}$/.test(code)) return null;
  const o = await db.organisation.findUnique({ where: { odsCode: code }, select: { odsCode: true, name: true, kind: true, country: true, postcode: true, addressLines: true } });
  return o ? { odsCode: o.odsCode, name: o.name, kind: o.kind, country: o.country, postcode: o.postcode, town: o.addressLines.at(-1) ?? null } : null;
}

/** The sites a practice user may send from: the main practice first (the default), then its branch surgeries. */
export async function sendingSites(db: Db, actor: Actor | null) {
  requirePermission(actor, "movement:create");
  const sites = await db.organisation.findMany({
    where: { id: { in: actor.scopeOrganisationIds } },
    select: { id: true, odsCode: true, name: true, kind: true },
    orderBy: [{ name: "asc" }],
  });
  return sites.sort((a, b) => Number(a.kind === "BRANCH_SURGERY") - Number(b.kind === "BRANCH_SURGERY"));
}
