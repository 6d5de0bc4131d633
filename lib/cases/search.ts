import "server-only";
// PCSE's one search box: a case reference (CS-), a movement reference (RM-), an urgent request (UR-), the barcode on
// a bag (what is printed on a found bag: RM-XXXX-XXXX-1A), an NHS number, a surname with a date of birth, or an ODS
// code or practice name. Cases and movements are found together; a single match is opened directly by the page.
// Searches that name a patient are audited (an NHS number that matched nothing as a keyed hash); the term itself
// never travels in a URL (lib/movements/saved-searches.ts).
import type { Db } from "@/lib/db/client";
import type { Prisma } from "@/lib/db/generated/client";
import { requirePermission, type Actor } from "@/lib/auth/actor";
import { movementScopeWhere, caseScopeWhere } from "@/lib/auth/scope";
import { hashIdentifier, recordAuditEvent } from "@/lib/audit/record";
import { isValidNhsNumber, normaliseNhsNumber } from "@/lib/nhs/nhs-number";
import { londonDate } from "@/lib/nhs/working-days";
import { normalisePrefixedReference, normaliseReference } from "@/lib/movements/reference";
import { BARCODE_PATTERN, normaliseBarcode } from "@/lib/labels/barcode";
import { movementRowSelect, toMovementRow, type MovementRow } from "@/lib/movements/queries";
import { CASE_KIND_LABELS } from "@/lib/cases/kinds";
import type { CaseQueueRow } from "@/lib/cases/queries";

export const SEARCH_PAGE_SIZE = 25;

export type PcseSearchKind = "case" | "movement" | "urgent" | "barcode" | "nhsNumber" | "nameAndBirth" | "organisation" | "none";

export type PcseSearchResult = {
  kind: PcseSearchKind;
  /** What was understood, for the results' heading ("NHS number", "surname and date of birth"...). */
  understoodAs: string;
  cases: CaseQueueRow[];
  movements: MovementRow[];
  /** Movements found in all (the page shows SEARCH_PAGE_SIZE at a time). */
  movementTotal: number;
  page: number;
  pageCount: number;
  /** Where a single match lives, for the page to open it directly. */
  single: string | null;
  message?: string;
  organisations?: { odsCode: string; name: string }[];
};

const EMPTY: Pick<PcseSearchResult, "cases" | "movements" | "movementTotal" | "page" | "pageCount" | "single"> = { cases: [], movements: [], movementTotal: 0, page: 1, pageCount: 1, single: null };

const caseRowSelect = {
  reference: true,
  kind: true,
  status: true,
  missingStage: true,
  summary: true,
  regionCode: true,
  openedAt: true,
  nextDueDate: true,
  breached: true,
  pausedSince: true,
  owner: { select: { name: true } },
  raisedByOrganisation: { select: { name: true, odsCode: true } },
} satisfies Prisma.CaseSelect;

function toCaseRow(c: Prisma.CaseGetPayload<{ select: typeof caseRowSelect }>): CaseQueueRow {
  return {
    reference: c.reference,
    kind: c.kind,
    kindLabel: CASE_KIND_LABELS[c.kind],
    status: c.status,
    missingStage: c.missingStage,
    summary: c.summary,
    ownerName: c.owner?.name ?? null,
    regionCode: c.regionCode,
    raisedBy: c.raisedByOrganisation ? `${c.raisedByOrganisation.name} (${c.raisedByOrganisation.odsCode})` : null,
    openedAt: c.openedAt.toISOString(),
    nextDueDate: c.nextDueDate?.toISOString().slice(0, 10) ?? null,
    breached: c.breached,
    paused: c.pausedSince !== null,
  };
}

/** "Smith 12/03/1950", "smith, 1950-03-12", "O'Neil 1.3.1950": a surname and a date of birth, or null. */
export function parseNameAndBirth(query: string): { familyName: string; dateOfBirth: string } | null {
  const m = /^([A-Za-z][A-Za-z' -]{0,98}?)[\s,]+(?:(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})|(\d{4})-(\d{2})-(\d{2}))$/.exec(query.trim());
  if (!m) return null;
  const [day, month, year] = m[2] ? [m[2], m[3], m[4]] : [m[7], m[6], m[5]];
  const iso = `${year}-${month.padStart(2, "0")}-${day.padStart(2, "0")}`;
  const d = new Date(`${iso}T00:00:00Z`);
  if (Number.isNaN(d.getTime()) || !d.toISOString().startsWith(iso)) return null;
  return { familyName: m[1].trim(), dateOfBirth: iso };
}

export async function searchPcse(db: Db, actor: Actor | null, rawQuery: unknown, rawPage: unknown = 1, now = new Date()): Promise<PcseSearchResult> {
  requirePermission(actor, "movement:read:any");
  const query = typeof rawQuery === "string" ? rawQuery.trim().slice(0, 100) : "";
  if (!query) return { kind: "none", understoodAs: "", ...EMPTY };
  const page = Math.max(1, Math.min(1000, Number.parseInt(String(rawPage), 10) || 1));
  const today = londonDate(now);
  const canCases = actor.role === "PCSE_CASEWORKER" || actor.role === "PCSE_SUPERVISOR";

  const movementsWhere = async (where: Prisma.RecordMovementWhereInput) => {
    const scoped = { AND: [movementScopeWhere(actor), where] };
    const [total, records] = await Promise.all([
      db.recordMovement.count({ where: scoped }),
      db.recordMovement.findMany({ where: scoped, select: movementRowSelect, orderBy: [{ createdAt: "desc" }, { reference: "asc" }], skip: (page - 1) * SEARCH_PAGE_SIZE, take: SEARCH_PAGE_SIZE }),
    ]);
    return { total, records };
  };
  const casesOf = async (where: Prisma.CaseWhereInput) =>
    canCases ? (await db.case.findMany({ where: { AND: [caseScopeWhere(actor), where] }, select: caseRowSelect, orderBy: [{ openedAt: "desc" }], take: 50 })).map(toCaseRow) : [];
  const result = (kind: PcseSearchKind, understoodAs: string, cases: CaseQueueRow[], found: { total: number; records: Prisma.RecordMovementGetPayload<{ select: typeof movementRowSelect }>[] }): PcseSearchResult => {
    const movements = found.records.map((r) => toMovementRow(r, today));
    const single = cases.length + found.total === 1 ? (cases[0] ? `/pcse/cases/${cases[0].reference}` : `/pcse/movements/${movements[0].reference}`) : null;
    return { kind, understoodAs, cases, movements, movementTotal: found.total, page, pageCount: Math.max(1, Math.ceil(found.total / SEARCH_PAGE_SIZE)), single };
  };
  const auditFound = async (by: string, records: { patientId: string }[], extra: Record<string, unknown> = {}) => {
    if (records.length) await recordAuditEvent(db, { actor, action: "SEARCH_MOVEMENTS", details: { by, patientIds: [...new Set(records.map((r) => r.patientId))], ...extra } });
  };

  const caseReference = normalisePrefixedReference(query, "CS");
  if (caseReference) {
    const cases = await casesOf({ reference: caseReference });
    return { ...result("case", "case reference", cases, { total: 0, records: [] }) };
  }
  const urgentReference = normalisePrefixedReference(query, "UR");
  if (urgentReference) {
    const found = await db.urgentRequest.findFirst({ where: { reference: urgentReference }, select: { reference: true } });
    return { kind: "urgent", understoodAs: "urgent request reference", ...EMPTY, single: found ? `/pcse/requests/${found.reference}` : null, message: found ? undefined : "No urgent request has that reference" };
  }
  const barcode = normaliseBarcode(query);
  if (BARCODE_PATTERN.test(barcode)) {
    const label = await db.courierLabel.findUnique({ where: { barcode }, select: { movementId: true, status: true } });
    const found = label ? await movementsWhere({ id: label.movementId }) : { total: 0, records: [] };
    await auditFound("barcode", found.records);
    const cases = label ? await casesOf({ movements: { some: { movementId: label.movementId } } }) : [];
    return { ...result("barcode", label?.status === "VOIDED" ? "bag barcode (a label since replaced: the bag may carry an old label)" : "bag barcode", cases, found), single: found.total === 1 ? `/pcse/movements/${found.records[0].reference}` : null };
  }
  const reference = normaliseReference(query);
  if (reference) {
    const found = await movementsWhere({ reference });
    await auditFound("reference", found.records);
    const cases = found.total ? await casesOf({ movements: { some: { movement: { reference } } } }) : [];
    return { ...result("movement", "movement reference", cases, found), single: found.total === 1 ? `/pcse/movements/${reference}` : null };
  }
  const digits = normaliseNhsNumber(query);
  if (/^\d{10}$/.test(digits)) {
    if (!isValidNhsNumber(digits)) return { kind: "nhsNumber", understoodAs: "NHS number", ...EMPTY, message: "That is not a valid NHS number: check the digits" };
    const found = await movementsWhere({ patient: { nhsNumber: digits } });
    const cases = found.total ? await casesOf({ movements: { some: { movement: { patient: { nhsNumber: digits } } } } }) : [];
    const patientIds = [...new Set(found.records.map((r) => r.patientId))];
    await recordAuditEvent(db, { actor, action: "SEARCH_NHS_NUMBER", patientId: patientIds[0] ?? null, details: patientIds.length ? { matched: patientIds.length } : { matched: 0, searchedHash: hashIdentifier(digits) } });
    return result("nhsNumber", "NHS number", cases, found);
  }
  const person = parseNameAndBirth(query);
  if (person) {
    const found = await movementsWhere({ patientDateOfBirth: new Date(`${person.dateOfBirth}T00:00:00Z`), patientFamilyName: { equals: person.familyName, mode: "insensitive" } });
    await auditFound("name-and-birth", found.records);
    const ids = found.records.map((r) => r.patientId);
    const cases = ids.length ? await casesOf({ movements: { some: { movement: { patientId: { in: ids } } } } }) : [];
    return result("nameAndBirth", "surname and date of birth", cases, found);
  }
  const ods = query.toUpperCase();
  const byCode = /^[A-Z0-9]{3,10}$/.test(ods) ? await db.organisation.findUnique({ where: { odsCode: ods }, select: { id: true, odsCode: true, name: true } }) : null;
  const organisations = byCode
    ? [byCode]
    : query.length >= 3
      ? await db.organisation.findMany({ where: { name: { contains: query, mode: "insensitive" } }, select: { id: true, odsCode: true, name: true }, orderBy: { name: "asc" }, take: 20 })
      : [];
  if (organisations.length === 0) {
    return { kind: "none", understoodAs: "", ...EMPTY, message: "Nothing matches. Search by case reference (CS-XXXX-XXXX), movement reference (RM-XXXX-XXXX), the barcode on a bag, an NHS number, a surname with a date of birth (Smith 12/03/1950), or an ODS code or practice name" };
  }
  const ids = organisations.map((o) => o.id);
  const found = await movementsWhere({ OR: [{ fromOrganisationId: { in: ids } }, { toOrganisationId: { in: ids } }] });
  await auditFound("organisation", found.records, { odsCodes: organisations.map((o) => o.odsCode).slice(0, 20) });
  const cases = await casesOf({ OR: [{ raisedByOrganisationId: { in: ids } }, { movements: { some: { movement: { OR: [{ fromOrganisationId: { in: ids } }, { toOrganisationId: { in: ids } }] } } } }] });
  const r = result("organisation", organisations.length === 1 ? `${organisations[0].name} (${organisations[0].odsCode})` : `${organisations.length} organisations named like “${query}”`, cases, found);
  // A practice is not "a single match" to open: its list is the answer.
  return { ...r, single: null, organisations: organisations.map((o) => ({ odsCode: o.odsCode, name: o.name })) };
}
