import "server-only";
// The administrator's view of organisations: search (closed ones too), one organisation with its sites and users, and
// the ODS import's last run with what it changed. No patient data: movements only as counts.
import { z } from "zod";
import type { Db } from "@/lib/db/client";
import type { Prisma } from "@/lib/db/generated/client";
import type { OrganisationKind } from "@/lib/db/generated/enums";
import { requirePermission, type Actor } from "@/lib/auth/actor";
import { NotFoundError } from "@/lib/errors";
import { hasControlCharacters } from "@/lib/http/input";

export const ORGANISATIONS_PAGE_SIZE = 50;
const KINDS = ["GP_PRACTICE", "BRANCH_SURGERY", "PCSE_STORE", "PCSE_OFFICE", "CROSS_BORDER_AGENCY"] as const satisfies readonly OrganisationKind[];

const listSchema = z.object({
  q: z
    .string()
    .trim()
    .max(100)
    .refine((v) => !hasControlCharacters(v))
    .catch("")
    .default(""),
  kind: z.enum(KINDS).optional().catch(undefined),
  status: z.enum(["open", "closed", "all"]).catch("all").default("all"),
  page: z.coerce.number().int().min(1).max(100_000).catch(1),
});

export type OrganisationRow = {
  odsCode: string;
  name: string;
  kind: OrganisationKind;
  postcode: string | null;
  town: string | null;
  parent: string | null;
  closedAt: string | null;
  users: number;
};

/** Organisations by ODS code, name or postcode, kind and status; exact codes first, then by name. */
export async function listOrganisations(db: Db, actor: Actor | null, raw: Record<string, unknown>) {
  requirePermission(actor, "organisations:manage");
  const filters = listSchema.parse(raw);
  const q = filters.q;
  const upper = q.toUpperCase();
  const where: Prisma.OrganisationWhereInput = {
    AND: [
      q ? { OR: [{ odsCode: { startsWith: upper } }, { postcode: { startsWith: upper } }, { name: { contains: q, mode: "insensitive" } }] } : {},
      filters.kind ? { kind: filters.kind } : {},
      filters.status === "all" ? {} : { closedAt: filters.status === "closed" ? { not: null } : null },
    ],
  };
  const [total, orgs] = await Promise.all([
    db.organisation.count({ where }),
    db.organisation.findMany({
      where,
      select: { odsCode: true, name: true, kind: true, postcode: true, addressLines: true, closedAt: true, parent: { select: { odsCode: true, name: true } }, _count: { select: { users: true } } },
      orderBy: [{ name: "asc" }, { odsCode: "asc" }],
      skip: (filters.page - 1) * ORGANISATIONS_PAGE_SIZE,
      take: ORGANISATIONS_PAGE_SIZE,
    }),
  ]);
  const rows: OrganisationRow[] = orgs
    .map((o) => ({
      odsCode: o.odsCode,
      name: o.name,
      kind: o.kind,
      postcode: o.postcode,
      town: o.addressLines.at(-1) ?? null,
      parent: o.parent ? `${o.parent.name} (${o.parent.odsCode})` : null,
      closedAt: o.closedAt?.toISOString() ?? null,
      users: o._count.users,
    }))
    .sort((a, b) => Number(b.odsCode === upper) - Number(a.odsCode === upper));
  return { rows, total, page: filters.page, pageCount: Math.max(1, Math.ceil(total / ORGANISATIONS_PAGE_SIZE)), filters };
}

export type OrganisationDetail = {
  id: string;
  odsCode: string;
  name: string;
  kind: OrganisationKind;
  addressLines: string[];
  postcode: string | null;
  country: string;
  region: string | null;
  icb: string | null;
  closedAt: string | null;
  updatedAt: string;
  parent: { odsCode: string; name: string } | null;
  /** The practice and its branch surgeries (for a branch: its practice and the practice's other branches). */
  sites: { odsCode: string; name: string; kind: OrganisationKind; postcode: string | null; closedAt: string | null; current: boolean }[];
  users: { id: string; name: string; email: string; role: string; site: string; disabled: boolean; lastSignInAt: string | null }[];
  /** Open movements addressed to it and sent from it (closing it leaves these to be corrected). */
  openIncoming: number;
  openOutgoing: number;
};

export async function organisationDetail(db: Db, actor: Actor | null, rawCode: unknown): Promise<OrganisationDetail> {
  requirePermission(actor, "organisations:manage");
  const code = typeof rawCode === "string" ? rawCode.trim().toUpperCase() : "";
  const o = /^[A-Z0-9]{3,10}$/.test(code)
    ? await db.organisation.findUnique({
        where: { odsCode: code },
        select: {
          id: true,
          odsCode: true,
          name: true,
          kind: true,
          addressLines: true,
          postcode: true,
          country: true,
          closedAt: true,
          updatedAt: true,
          parentId: true,
          region: { select: { name: true } },
          icb: { select: { name: true } },
          parent: { select: { odsCode: true, name: true } },
        },
      })
    : null;
  if (!o) throw new NotFoundError("The organisation");
  const mainId = o.parentId ?? o.id;
  const tree = o.kind === "GP_PRACTICE" || o.kind === "BRANCH_SURGERY";
  const sites = tree
    ? await db.organisation.findMany({ where: { OR: [{ id: mainId }, { parentId: mainId }] }, select: { id: true, odsCode: true, name: true, kind: true, postcode: true, closedAt: true }, orderBy: [{ kind: "desc" }, { name: "asc" }] })
    : [];
  const siteIds = tree ? sites.map((s) => s.id) : [o.id];
  const [users, openIncoming, openOutgoing] = await Promise.all([
    db.user.findMany({
      where: { organisationId: { in: siteIds } },
      select: { id: true, name: true, email: true, role: true, disabled: true, lastSignInAt: true, organisation: { select: { odsCode: true } } },
      orderBy: [{ disabled: "asc" }, { name: "asc" }],
      take: 200,
    }),
    db.recordMovement.count({ where: { toOrganisationId: o.id, isOpen: true } }),
    db.recordMovement.count({ where: { fromOrganisationId: o.id, isOpen: true } }),
  ]);
  return {
    id: o.id,
    odsCode: o.odsCode,
    name: o.name,
    kind: o.kind,
    addressLines: o.addressLines,
    postcode: o.postcode,
    country: o.country,
    region: o.region?.name ?? null,
    icb: o.icb?.name ?? null,
    closedAt: o.closedAt?.toISOString() ?? null,
    updatedAt: o.updatedAt.toISOString(),
    parent: o.parent,
    sites: sites.map((s) => ({ odsCode: s.odsCode, name: s.name, kind: s.kind, postcode: s.postcode, closedAt: s.closedAt?.toISOString() ?? null, current: s.id === o.id })),
    users: users.map((u) => ({ id: u.id, name: u.name, email: u.email, role: u.role, site: u.organisation?.odsCode ?? "", disabled: u.disabled, lastSignInAt: u.lastSignInAt?.toISOString() ?? null })),
    openIncoming,
    openOutgoing,
  };
}

export type OdsImportSummary = {
  startedAt: string;
  source: string;
  practices: number;
  added: number;
  updated: number;
  closed: number;
  reopened: number;
  skippedUnknownIcb: number;
  changes: { added: string[]; updated: string[]; closed: string[]; reopened: string[] };
};

/** The ODS import's latest run and what it changed (ODS codes, with the names the portal holds now). */
export async function lastOdsImport(db: Db, actor: Actor | null): Promise<(OdsImportSummary & { names: Record<string, string> }) | null> {
  requirePermission(actor, "organisations:manage");
  const run = await db.odsImportRun.findFirst({ orderBy: [{ startedAt: "desc" }, { id: "desc" }] });
  if (!run) return null;
  const changes = (run.changes ?? {}) as Partial<OdsImportSummary["changes"]>;
  const lists = { added: changes.added ?? [], updated: changes.updated ?? [], closed: changes.closed ?? [], reopened: changes.reopened ?? [] };
  const codes = [...lists.added, ...lists.updated, ...lists.closed, ...lists.reopened].slice(0, 2000);
  const names = Object.fromEntries((await db.organisation.findMany({ where: { odsCode: { in: codes } }, select: { odsCode: true, name: true } })).map((o) => [o.odsCode, o.name]));
  return {
    startedAt: run.startedAt.toISOString(),
    source: run.source,
    practices: run.practices,
    added: run.added,
    updated: run.updated,
    closed: run.closed,
    reopened: run.reopened,
    skippedUnknownIcb: run.skippedUnknownIcb,
    changes: lists,
    names,
  };
}
