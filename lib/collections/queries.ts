import "server-only";
// Collections and the backlog of records ready but not collected, by site and by age in working days.
import type { Db } from "@/lib/db/client";
import { requirePermission, type Actor } from "@/lib/auth/actor";
import { NotFoundError } from "@/lib/errors";
import { loadBankHolidays } from "@/lib/nhs/bank-holidays";
import { addWorkingDays, isWorkingDay, londonDate, workingDaysBetween, type IsoDate } from "@/lib/nhs/working-days";
import { MAX_BOOKING_WORKING_DAYS } from "@/lib/collections/commands";
import { formatShortDate } from "@/lib/format";
import type { ManifestData } from "@/lib/labels/pdf";
import { AGE_BANDS } from "@/lib/collections/bands";

export { AGE_BANDS };

export type BacklogRow = { key: string; name: string; odsCode?: string; bands: number[]; total: number; oldestDays: number };

function band(days: number): number {
  return AGE_BANDS.findIndex((b) => days >= b.min && days <= b.max);
}

type ReadyGroup = { organisationId: string; readyDate: string; n: number };

/** Waiting records grouped by site and London date made ready, from the backlog queue table. */
async function readyGroups(db: Db, organisationIds: string[] | null): Promise<ReadyGroup[]> {
  return organisationIds
    ? db.$queryRaw<ReadyGroup[]>`
        SELECT b."organisationId", to_char(b."readyAt" AT TIME ZONE 'Europe/London', 'YYYY-MM-DD') AS "readyDate", count(*)::int AS n
        FROM "CollectionBacklogEntry" b WHERE b."organisationId" = ANY(${organisationIds}::uuid[])
        GROUP BY 1, 2`
    : db.$queryRaw<ReadyGroup[]>`
        SELECT b."organisationId", to_char(b."readyAt" AT TIME ZONE 'Europe/London', 'YYYY-MM-DD') AS "readyDate", count(*)::int AS n
        FROM "CollectionBacklogEntry" b
        GROUP BY 1, 2`;
}

function ages(groups: ReadyGroup[], today: IsoDate, holidays: ReadonlySet<IsoDate>) {
  const memo = new Map<string, number>();
  return groups.map((g) => {
    let days = memo.get(g.readyDate);
    if (days === undefined) {
      days = Math.max(0, workingDaysBetween(g.readyDate, today, holidays));
      memo.set(g.readyDate, days);
    }
    return { ...g, days };
  });
}

function accumulate(rows: Map<string, BacklogRow>, key: string, init: () => BacklogRow, days: number, n: number) {
  const row = rows.get(key) ?? init();
  row.bands[band(days)] += n;
  row.total += n;
  row.oldestDays = Math.max(row.oldestDays, days);
  rows.set(key, row);
}

/** The practice's own backlog, one row per site (main practice and branch surgeries). */
export async function practiceBacklog(db: Db, actor: Actor | null, now = new Date()): Promise<BacklogRow[]> {
  requirePermission(actor, "collection:manage");
  const holidays = await loadBankHolidays(db);
  const sites = await db.organisation.findMany({ where: { id: { in: actor.scopeOrganisationIds } }, select: { id: true, name: true, odsCode: true, kind: true } });
  const rows = new Map<string, BacklogRow>();
  for (const s of sites.sort((a, b) => Number(a.kind === "BRANCH_SURGERY") - Number(b.kind === "BRANCH_SURGERY"))) {
    rows.set(s.id, { key: s.id, name: s.name, odsCode: s.odsCode, bands: AGE_BANDS.map(() => 0), total: 0, oldestDays: 0 });
  }
  for (const g of ages(await readyGroups(db, actor.scopeOrganisationIds), londonDate(now), holidays)) {
    accumulate(rows, g.organisationId, () => rows.get(g.organisationId)!, g.days, g.n);
  }
  return [...rows.values()];
}

/** PCSE: the backlog across all sites, by NHS England region, and the sites waiting longest. */
export async function nationalBacklog(db: Db, actor: Actor | null, now = new Date()) {
  requirePermission(actor, "operations:read");
  const holidays = await loadBankHolidays(db);
  const groups = ages(await readyGroups(db, null), londonDate(now), holidays);
  const orgIds = [...new Set(groups.map((g) => g.organisationId))];
  const orgs = await db.organisation.findMany({ where: { id: { in: orgIds } }, select: { id: true, name: true, odsCode: true, regionCode: true, region: { select: { name: true } } } });
  const orgById = new Map(orgs.map((o) => [o.id, o]));
  const regions = new Map<string, BacklogRow>();
  const sites = new Map<string, BacklogRow>();
  for (const g of groups) {
    const o = orgById.get(g.organisationId);
    const regionKey = o?.regionCode ?? "none";
    accumulate(regions, regionKey, () => ({ key: regionKey, name: o?.region?.name ?? "Outside an NHS England region", bands: AGE_BANDS.map(() => 0), total: 0, oldestDays: 0 }), g.days, g.n);
    accumulate(sites, g.organisationId, () => ({ key: g.organisationId, name: o?.name ?? "Unknown", odsCode: o?.odsCode, bands: AGE_BANDS.map(() => 0), total: 0, oldestDays: 0 }), g.days, g.n);
  }
  const totals: BacklogRow = { key: "total", name: "England", bands: AGE_BANDS.map(() => 0), total: 0, oldestDays: 0 };
  for (const r of regions.values()) {
    r.bands.forEach((n, i) => (totals.bands[i] += n));
    totals.total += r.total;
    totals.oldestDays = Math.max(totals.oldestDays, r.oldestDays);
  }
  return {
    regions: [...regions.values()].sort((a, b) => a.name.localeCompare(b.name)),
    totals,
    longestWaiting: [...sites.values()].sort((a, b) => b.oldestDays - a.oldestDays || b.total - a.total).slice(0, 20),
  };
}

/** Records at a site that are ready and not yet in a booked collection, for the booking form. */
export async function readyAtSite(db: Db, actor: Actor | null, siteId: string) {
  requirePermission(actor, "collection:manage");
  if (!actor.scopeOrganisationIds.includes(siteId)) return [];
  return db.recordMovement.findMany({
    where: { backlogEntry: { organisationId: siteId }, collectionItems: { none: { collection: { status: "BOOKED" } } } },
    select: { reference: true, bagCount: true, priority: true, readyForCollectionAt: true, toOrganisation: { select: { name: true, odsCode: true } } },
    orderBy: [{ priority: "desc" }, { readyForCollectionAt: "asc" }],
    take: 500,
  });
}

/** The working days a collection can be booked for: today (if a working day) and the next 20. */
export async function bookableDates(db: Db, now = new Date()): Promise<IsoDate[]> {
  return bookableDatesFrom(londonDate(now), await loadBankHolidays(db));
}

export function bookableDatesFrom(today: IsoDate, holidays: ReadonlySet<IsoDate>): IsoDate[] {
  // addWorkingDays(today, 0) is today even on a Sunday: only offer today when it is a working day.
  const dates: IsoDate[] = isWorkingDay(today, holidays) ? [today] : [];
  for (let i = 1; i <= MAX_BOOKING_WORKING_DAYS; i++) dates.push(addWorkingDays(today, i, holidays));
  return dates;
}

export async function listCollections(db: Db, actor: Actor | null) {
  requirePermission(actor, "collection:manage");
  return db.collection.findMany({
    where: { organisationId: { in: actor.scopeOrganisationIds } },
    select: { reference: true, collectionDate: true, bagCount: true, status: true, organisation: { select: { name: true, odsCode: true } }, _count: { select: { items: true } } },
    orderBy: [{ collectionDate: "desc" }, { createdAt: "desc" }],
    take: 50,
  });
}

export const COLLECTION_REFERENCE = /^CL-[2-9A-HJKMNP-TV-Z]{4}-[2-9A-HJKMNP-TV-Z]{4}$/;

export async function getCollection(db: Db, actor: Actor | null, rawReference: string) {
  requirePermission(actor, "collection:manage");
  const reference = typeof rawReference === "string" ? rawReference.trim().toUpperCase() : "";
  // Anything not shaped like a reference cannot name a collection (and never reaches a query).
  if (!COLLECTION_REFERENCE.test(reference)) throw new NotFoundError("The collection");
  const c = await db.collection.findFirst({
    where: { reference, organisationId: { in: actor.scopeOrganisationIds } },
    select: {
      reference: true,
      collectionDate: true,
      bagCount: true,
      status: true,
      createdAt: true,
      bookedBy: { select: { name: true } },
      organisation: { select: { name: true, odsCode: true, addressLines: true, postcode: true } },
      items: {
        select: {
          movement: {
            select: {
              reference: true,
              status: true,
              priority: true,
              toOrganisation: { select: { name: true, odsCode: true } },
              labels: { where: { status: "LIVE" }, select: { barcode: true, bagNumber: true, bagCount: true }, orderBy: { bagNumber: "asc" } },
            },
          },
        },
      },
    },
  });
  if (!c) throw new NotFoundError("The collection");
  return c;
}

export async function manifestFor(db: Db, actor: Actor | null, reference: string, now = new Date()): Promise<ManifestData> {
  const c = await getCollection(db, actor, reference);
  const rows = c.items
    .flatMap((i) => i.movement.labels.map((l) => ({ barcode: l.barcode, reference: i.movement.reference, bag: `${l.bagNumber} of ${l.bagCount}`, destination: `${i.movement.toOrganisation.name} (${i.movement.toOrganisation.odsCode})`, urgent: i.movement.priority === "URGENT" })))
    .sort((a, b) => a.barcode.localeCompare(b.barcode));
  return { reference: c.reference, site: c.organisation, collectionDate: formatShortDate(c.collectionDate), bagCount: c.bagCount, printedOn: formatShortDate(now), rows };
}
