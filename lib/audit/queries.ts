import "server-only";
// The administrator's audit trail: who did what to which patient's data, newest first, with readable actions and
// names rather than ids. Filters: a date range, a user, an organisation, an action, a movement reference and an NHS
// number. The NHS number never travels in a URL: the filter form posts it and it is kept server-side as the
// administrator's saved search (lib/movements/saved-searches.ts), like every other search by NHS number; and looking
// the trail up by NHS number is itself audited (the patient's id, or a keyed hash when the portal has no such
// patient). Patients are shown as "patient" with the movement's reference, never by identifier, except the NHS
// number the administrator filtered by. The CSV export carries the same rows (docs/decisions.md: no NHS number in it).
import { z } from "zod";
import type { Db } from "@/lib/db/client";
import type { Prisma } from "@/lib/db/generated/client";
import type { Role } from "@/lib/db/generated/enums";
import { requirePermission, type Actor } from "@/lib/auth/actor";
import { AUDIT_ACTIONS, hashIdentifier, recordAuditEvent } from "@/lib/audit/record";
import { auditActionLabel } from "@/lib/audit/labels";
import { ROLE_LABELS } from "@/lib/auth/roles";
import { normaliseReference } from "@/lib/movements/reference";
import { isValidNhsNumber, normaliseNhsNumber } from "@/lib/nhs/nhs-number";
import { londonMidnight } from "@/lib/nhs/working-days";
import { addCalendarDays } from "@/lib/clocks/calendar";
import { hasControlCharacters } from "@/lib/http/input";

export const AUDIT_PAGE_SIZE = 50;
export const AUDIT_EXPORT_LIMIT = 50_000;

const isoDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/)
  .refine((d) => !Number.isNaN(new Date(`${d}T00:00:00Z`).getTime()) && new Date(`${d}T00:00:00Z`).toISOString().slice(0, 10) === d);
/** Free text that identifies nobody: six digits in a row (an NHS number in the wrong box) are refused, like the
 * destination typeahead does, so no NHS number reaches the URL these filters live in. */
export const NO_LONG_DIGITS = (v: string) => !/\d{6,}/.test(v.replace(/[\s-]/g, ""));
const text = z
  .string()
  .trim()
  .max(100)
  .refine((v) => !hasControlCharacters(v) && NO_LONG_DIGITS(v))
  .transform((v) => v || undefined);

/** The filters that identify nobody, kept in the URL (bookmarkable); each bad value is dropped, never an error. */
export const auditFilterSchema = z.object({
  from: isoDate.optional().catch(undefined),
  to: isoDate.optional().catch(undefined),
  user: text.optional().catch(undefined),
  organisation: text.optional().catch(undefined),
  action: z.enum(AUDIT_ACTIONS).optional().catch(undefined),
  reference: text.optional().catch(undefined),
  page: z.coerce.number().int().min(1).max(100_000).catch(1),
});

export type AuditFilters = z.infer<typeof auditFilterSchema>;

export type AuditRow = {
  id: string;
  occurredAt: string;
  who: string;
  whoEmail: string | null;
  role: string | null;
  organisation: string | null;
  action: string;
  actionLabel: string;
  what: string | null;
  /** The movement the row is about, when there is one. */
  movementReference: string | null;
  /** "Patient" words: never an identifier, except the NHS number the administrator filtered by. */
  patient: string | null;
  /** The patient's internal id (for the CSV): not an identifier outside the portal. */
  patientId: string | null;
  requestId: string | null;
  ipAddress: string | null;
};

export type AuditPage = {
  rows: AuditRow[];
  total: number;
  page: number;
  pageCount: number;
  filters: AuditFilters;
  /** The NHS number filtered by, spaced 3-3-4, or null. */
  nhsNumber: string | null;
  /** Why a filter matched nothing at all ("no user matches ..."): said on the page rather than an empty list alone. */
  notes: string[];
};

const spaced = (n: string) => `${n.slice(0, 3)} ${n.slice(3, 6)} ${n.slice(6)}`;

/** The where clause for the filters (and the NHS number, if any), and notes on filters that match nobody. */
async function whereFor(db: Db, filters: AuditFilters, nhsNumber: string | null) {
  const and: Prisma.AuditEventWhereInput[] = [];
  const notes: string[] = [];
  if (filters.from) and.push({ occurredAt: { gte: londonMidnight(filters.from) } });
  if (filters.to) and.push({ occurredAt: { lt: londonMidnight(addCalendarDays(filters.to, 1)) } });
  if (filters.user) {
    const users = await db.user.findMany({
      where: { OR: [{ email: { contains: filters.user, mode: "insensitive" } }, { name: { contains: filters.user, mode: "insensitive" } }] },
      select: { id: true },
      take: 500,
    });
    if (!users.length) notes.push(`No user's name or email contains \u201c${filters.user}\u201d`);
    and.push({ actorUserId: { in: users.map((u) => u.id) } });
  }
  if (filters.organisation) {
    const orgs = await db.organisation.findMany({
      where: { OR: [{ odsCode: filters.organisation.toUpperCase() }, { name: { contains: filters.organisation, mode: "insensitive" } }] },
      select: { id: true },
      take: 500,
    });
    if (!orgs.length) notes.push(`No organisation has the ODS code or a name with \u201c${filters.organisation}\u201d`);
    const ids = orgs.map((o) => o.id);
    // What its people did, and what was done to it (a branch corrected, the organisation closed).
    and.push({ OR: [{ actorOrganisationId: { in: ids } }, { entityType: "Organisation", entityId: { in: ids } }] });
  }
  if (filters.action) and.push({ action: filters.action });
  if (filters.reference) {
    const reference = normaliseReference(filters.reference);
    const movement = reference ? await db.recordMovement.findUnique({ where: { reference }, select: { id: true, problemReports: { select: { id: true } }, labels: { select: { id: true } }, caseLinks: { select: { caseId: true } }, urgentRequest: { select: { id: true } } } })
      : null;
    if (!movement) notes.push(`No movement has the reference \u201c${filters.reference}\u201d`);
    // The movement, its problem reports and labels, the cases about it and the urgent request it answers.
    const ids = movement
      ? [movement.id, ...movement.problemReports.map((p) => p.id), ...movement.labels.map((l) => l.id), ...movement.caseLinks.map((c) => c.caseId), ...(movement.urgentRequest ? [movement.urgentRequest.id] : [])]
      : [];
    and.push({ OR: [{ entityId: { in: ids } }, ...(reference ? [{ details: { path: ["reference"], equals: reference } }] : [])] });
  }
  let patientId: string | null = null;
  let searchedHash: string | null = null;
  if (nhsNumber) {
    patientId = (await db.patient.findUnique({ where: { nhsNumber }, select: { id: true } }))?.id ?? null;
    searchedHash = hashIdentifier(nhsNumber);
    if (!patientId) notes.push("The portal holds no patient with that NHS number: the list shows searches and refused sends for it");
    and.push({
      OR: [
        ...(patientId ? [{ patientId }, { details: { path: ["patientIds"], array_contains: [patientId] } }] : []),
        // Searches that matched nobody, and refused sends, keep only a keyed hash of the number.
        { details: { path: ["searchedHash"], equals: searchedHash } },
        { details: { path: ["nhsNumberHash"], equals: searchedHash } },
      ],
    });
  }
  return { where: { AND: and } satisfies Prisma.AuditEventWhereInput, notes, patientId, searchedHash };
}

/** The NHS number behind an administrator's saved search, checked (10 digits, modulus 11), else null. */
export function auditNhsNumber(raw: string | null | undefined): string | null {
  const n = normaliseNhsNumber(raw ?? "");
  return /^\d{10}$/.test(n) && isValidNhsNumber(n) ? n : null;
}

type EventRecord = Prisma.AuditEventGetPayload<object>;

/** Names for the ids in a page of events: users, organisations, movements (by reference), collections. */
async function describe(db: Db, events: EventRecord[], nhsNumber: string | null, patientId: string | null): Promise<AuditRow[]> {
  const ids = (pick: (e: EventRecord) => string | null | undefined) => [...new Set(events.map(pick).filter((v): v is string => Boolean(v)))];
  const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
  const entityIds = (type: string) => ids((e) => (e.entityType === type && e.entityId && uuid.test(e.entityId) ? e.entityId : null));
  const [users, orgs, movements, problems, labels, patientMovements] = await Promise.all([
    db.user.findMany({ where: { id: { in: [...ids((e) => e.actorUserId), ...entityIds("User")] } }, select: { id: true, name: true, email: true } }),
    db.organisation.findMany({ where: { id: { in: [...ids((e) => e.actorOrganisationId), ...entityIds("Organisation")] } }, select: { id: true, name: true, odsCode: true } }),
    db.recordMovement.findMany({ where: { id: { in: entityIds("RecordMovement") } }, select: { id: true, reference: true } }),
    db.problemReport.findMany({ where: { id: { in: entityIds("ProblemReport") } }, select: { id: true, movement: { select: { reference: true } } } }),
    db.courierLabel.findMany({ where: { id: { in: entityIds("CourierLabel") } }, select: { id: true, barcode: true, movement: { select: { reference: true } } } }),
    // For rows with a patient and no movement (a search), the patient's latest movement names them.
    db.recordMovement.findMany({
      where: { patientId: { in: ids((e) => (e.patientId && !(e.entityType === "RecordMovement" && e.entityId) ? e.patientId : null)) } },
      select: { patientId: true, reference: true },
      orderBy: { createdAt: "desc" },
      distinct: ["patientId"],
    }),
  ]);
  const user = new Map(users.map((u) => [u.id, u]));
  const org = new Map(orgs.map((o) => [o.id, `${o.name} (${o.odsCode})`]));
  const movement = new Map(movements.map((m) => [m.id, m.reference]));
  const problem = new Map(problems.map((p) => [p.id, p.movement.reference]));
  const label = new Map(labels.map((l) => [l.id, l]));
  const latestOf = new Map(patientMovements.map((m) => [m.patientId, m.reference]));
  return events.map((e) => {
    const details = (e.details ?? {}) as Record<string, unknown>;
    let what: string | null = null;
    let reference: string | null = typeof details.reference === "string" ? details.reference : null;
    switch (e.entityType) {
      case "RecordMovement":
        if (e.entityId) reference = movement.get(e.entityId) ?? reference;
        what = reference ? `Movement ${reference}` : typeof details.movements === "number" ? `${details.movements} ${details.movements === 1 ? "movement" : "movements"}` : "Movements";
        break;
      case "ProblemReport":
        reference = (e.entityId && problem.get(e.entityId)) || reference;
        what = `Problem report on ${reference ?? "a movement"}`;
        break;
      case "CourierLabel": {
        const l = e.entityId ? label.get(e.entityId) : undefined;
        reference = l?.movement.reference ?? reference;
        what = `Label ${l?.barcode ?? ""}`.trim();
        break;
      }
      case "Collection":
        what = `Collection ${e.entityId ?? ""}`.trim();
        break;
      case "User": {
        const u = e.entityId ? user.get(e.entityId) : undefined;
        what = u ? `User ${u.name} (${u.email})` : "A user";
        break;
      }
      case "Organisation":
        what = (e.entityId && org.get(e.entityId)) || "An organisation";
        break;
      case "ServiceLevelPolicy":
        what = `Service-level policy version ${e.entityId ?? ""}`.trim();
        break;
      case "BankHoliday":
        what = `Bank holiday ${e.entityId ?? ""}`.trim();
        break;
      case "Job":
        what = `Job ${e.entityId ?? ""}`.trim();
        break;
      // details.reference is the case's or the request's own reference here, not a movement's.
      case "Case":
        what = reference ? `Case ${reference}` : "A case";
        reference = null;
        break;
      case "UrgentRequest":
        what = reference ? `Urgent request ${reference}` : "An urgent request";
        reference = typeof details.movement === "string" ? details.movement : null;
        break;
      default:
        what = e.entityType ? `${e.entityType} ${e.entityId ?? ""}`.trim() : null;
    }
    if (!what && typeof details.matched === "number") what = `${details.matched} ${details.matched === 1 ? "movement" : "movements"} matched`;
    const listed = Array.isArray(details.patientIds) ? details.patientIds.length : 0;
    let patient: string | null = null;
    if (e.patientId) {
      const on = reference ?? latestOf.get(e.patientId) ?? null;
      const filtered = nhsNumber && patientId === e.patientId ? `NHS number ${spaced(nhsNumber)}` : "Patient";
      patient = on ? `${filtered}, on ${on}` : filtered;
    } else if (listed) {
      patient = nhsNumber && patientId && (details.patientIds as unknown[]).includes(patientId) ? `${listed} patients, NHS number ${spaced(nhsNumber)} among them` : `${listed} ${listed === 1 ? "patient" : "patients"}`;
    } else if (nhsNumber && (details.searchedHash || details.nhsNumberHash)) {
      patient = `NHS number ${spaced(nhsNumber)} (not known to the portal then)`;
    } else if (details.searchedHash || details.nhsNumberHash) {
      patient = "An NHS number the portal did not know";
    }
    const u = e.actorUserId ? user.get(e.actorUserId) : undefined;
    return {
      id: e.id.toString(),
      occurredAt: e.occurredAt.toISOString(),
      who: u?.name ?? (e.actorUserId ? "A user no longer known" : "The portal"),
      whoEmail: u?.email ?? null,
      role: e.actorRole ? ROLE_LABELS[e.actorRole as Role] : null,
      organisation: e.actorOrganisationId ? (org.get(e.actorOrganisationId) ?? null) : null,
      action: e.action,
      actionLabel: auditActionLabel(e.action),
      what,
      movementReference: reference,
      patient,
      patientId: e.patientId,
      requestId: e.requestId,
      ipAddress: e.ipAddress,
    };
  });
}

/**
 * A page of the audit trail. `nhsNumber`: the number from the administrator's saved search (never from a URL); a
 * look-up by it is audited (SEARCH_AUDIT, with the patient's id or the keyed hash).
 */
export async function listAuditEvents(db: Db, actor: Actor | null, raw: Record<string, unknown>, nhsNumber: string | null = null): Promise<AuditPage> {
  requirePermission(actor, "audit:read");
  const filters = auditFilterSchema.parse(raw);
  const number = auditNhsNumber(nhsNumber);
  const { where, notes, patientId, searchedHash } = await whereFor(db, filters, number);
  const [total, events] = await Promise.all([
    db.auditEvent.count({ where }),
    db.auditEvent.findMany({ where, orderBy: [{ occurredAt: "desc" }, { id: "desc" }], skip: (filters.page - 1) * AUDIT_PAGE_SIZE, take: AUDIT_PAGE_SIZE }),
  ]);
  if (number) await recordAuditEvent(db, { actor, action: "SEARCH_AUDIT", patientId, details: { matched: total, ...(patientId ? {} : { searchedHash }) } });
  return {
    rows: await describe(db, events, number, patientId),
    total,
    page: filters.page,
    pageCount: Math.max(1, Math.ceil(total / AUDIT_PAGE_SIZE)),
    filters,
    nhsNumber: number ? spaced(number) : null,
    notes,
  };
}

/** The CSV columns: ids of patients (the portal's own) and movement references, never an NHS number. */
export const AUDIT_CSV_COLUMNS = ["When (UTC)", "User", "User email", "Role", "Organisation", "Action", "Action code", "About", "Movement", "Patient id", "Request id", "Address"] as const;

/**
 * The filtered events for the CSV export, newest first, at most AUDIT_EXPORT_LIMIT; the export is audited (with the
 * filters, and the patient's id or keyed hash when filtered by NHS number).
 */
export async function exportAuditEvents(db: Db, actor: Actor | null, raw: Record<string, unknown>, nhsNumber: string | null = null): Promise<{ rows: string[][]; total: number; truncated: boolean }> {
  requirePermission(actor, "audit:read");
  const filters = auditFilterSchema.parse(raw);
  const number = auditNhsNumber(nhsNumber);
  const { where, patientId, searchedHash } = await whereFor(db, filters, number);
  const total = await db.auditEvent.count({ where });
  const rows: string[][] = [];
  for (let skip = 0; skip < Math.min(total, AUDIT_EXPORT_LIMIT); skip += 5000) {
    const events = await db.auditEvent.findMany({ where, orderBy: [{ occurredAt: "desc" }, { id: "desc" }], skip, take: Math.min(5000, AUDIT_EXPORT_LIMIT - skip) });
    // Described without the NHS number: the CSV names patients by the portal's id and the movement only.
    for (const r of await describe(db, events, null, null)) {
      rows.push([r.occurredAt, r.who, r.whoEmail ?? "", r.role ?? "", r.organisation ?? "", r.actionLabel, r.action, r.what ?? "", r.movementReference ?? "", r.patientId ?? "", r.requestId ?? "", r.ipAddress ?? ""]);
    }
  }
  const filtersUsed = Object.fromEntries(Object.entries(filters).filter(([k, v]) => k !== "page" && v !== undefined));
  await recordAuditEvent(db, {
    actor,
    action: "EXPORT_AUDIT",
    patientId: number ? patientId : null,
    details: { rows: rows.length, filters: filtersUsed, ...(number ? { byNhsNumber: true, ...(patientId ? {} : { searchedHash }) } : {}) } as Prisma.InputJsonValue,
  });
  return { rows, total, truncated: total > rows.length };
}
