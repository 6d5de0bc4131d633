import "server-only";
// Reading claims: the practice's own (where each stands, its history, what the manager may do), and the
// commissioners' (their region's, a national commissioner's all) with the signed pack's totals, rates, declaration
// and hash. A claim holds no patient identifier: its pack is references only.
import { z } from "zod";
import type { Db } from "@/lib/db/client";
import type { Prisma } from "@/lib/db/generated/client";
import type { ClaimStatus, Role } from "@/lib/db/generated/enums";
import { requirePermission, type Actor } from "@/lib/auth/actor";
import { claimScopeWhere } from "@/lib/auth/scope";
import { ROLE_LABELS } from "@/lib/auth/roles";
import { NotFoundError } from "@/lib/errors";
import { formatCalendarDate } from "@/lib/format";
import { normalisePrefixedReference } from "@/lib/movements/reference";
import type { EvidenceSummary } from "@/lib/workload/evidence";
import { ACCEPTANCE_WARNING, CLAIM_STATUS_LABELS, claimActionsFor, type ClaimAction } from "@/lib/claims/rules";

export const CLAIM_STATUSES = ["SUBMITTED", "UNDER_REVIEW", "OFFER_MADE", "ACCEPTED", "REJECTED", "PAID"] as const satisfies readonly ClaimStatus[];

export type ClaimRow = {
  reference: string;
  status: ClaimStatus;
  statusLabel: string;
  practice: string;
  odsCode: string;
  regionCode: string | null;
  icbCode: string | null;
  packReference: string;
  period: string;
  scopeLabel: string;
  amountClaimedPence: number;
  offerPence: number | null;
  paidPence: number | null;
  submittedAt: string;
};

const rowSelect = {
  reference: true,
  status: true,
  regionCode: true,
  icbCode: true,
  amountClaimedPence: true,
  offerPence: true,
  paidPence: true,
  submittedAt: true,
  organisation: { select: { name: true, odsCode: true } },
  evidencePack: { select: { reference: true, periodFrom: true, periodTo: true, scopeLabel: true } },
} satisfies Prisma.ClaimSelect;

function toRow(c: Prisma.ClaimGetPayload<{ select: typeof rowSelect }>): ClaimRow {
  return {
    reference: c.reference,
    status: c.status,
    statusLabel: CLAIM_STATUS_LABELS[c.status],
    practice: c.organisation.name,
    odsCode: c.organisation.odsCode,
    regionCode: c.regionCode,
    icbCode: c.icbCode,
    packReference: c.evidencePack.reference,
    period: `${formatCalendarDate(c.evidencePack.periodFrom.toISOString().slice(0, 10))} to ${formatCalendarDate(c.evidencePack.periodTo.toISOString().slice(0, 10))}`,
    scopeLabel: c.evidencePack.scopeLabel,
    amountClaimedPence: c.amountClaimedPence,
    offerPence: c.offerPence,
    paidPence: c.paidPence,
    submittedAt: c.submittedAt.toISOString(),
  };
}

/** The practice's claims, newest first. */
export async function listPracticeClaims(db: Db, actor: Actor | null): Promise<ClaimRow[]> {
  requirePermission(actor, "workload:manage");
  const rows = await db.claim.findMany({ where: claimScopeWhere(actor), select: rowSelect, orderBy: { submittedAt: "desc" }, take: 100 });
  return rows.map(toRow);
}

export type ClaimDetail = ClaimRow & {
  summary: string;
  pack: { reference: string; sha256: string; entries: number; minutes: number; costPence: number; declarationName: string; declarationRole: string; declaredOn: string; totals: EvidenceSummary | null };
  events: { at: string; from: ClaimStatus | null; to: ClaimStatus; toLabel: string; by: string; amountPence: number | null; note: string | null; warningConfirmed: boolean }[];
  actions: ClaimAction[];
  warning: string;
};

async function detail(db: Db, actor: Actor, rawReference: string, party: "practice" | "commissioner"): Promise<ClaimDetail> {
  const reference = normalisePrefixedReference(rawReference, "CM");
  const c = reference
    ? await db.claim.findFirst({
        where: { AND: [{ reference }, claimScopeWhere(actor)] },
        select: {
          ...rowSelect,
          summary: true,
          evidencePack: { select: { reference: true, periodFrom: true, periodTo: true, scopeLabel: true, sha256: true, entryCount: true, totalMinutes: true, totalCostPence: true, declarationName: true, declarationRole: true, declaredOn: true, summary: true } },
          events: { orderBy: { id: "asc" }, select: { at: true, fromStatus: true, toStatus: true, actorRole: true, actorUserId: true, amountPence: true, note: true, warningConfirmed: true } },
        },
      })
    : null;
  if (!c) throw new NotFoundError("The claim");
  // The practice's own people by name; NHS England's by role (and the reverse for commissioners).
  const names = new Map((await db.user.findMany({ where: { id: { in: c.events.map((e) => e.actorUserId) } }, select: { id: true, name: true, role: true } })).map((u) => [u.id, u]));
  const by = (userId: string, role: Role) => {
    const u = names.get(userId);
    const ours = party === "practice" ? role === "PRACTICE_MANAGER" || role === "PRACTICE_STAFF" : role === "COMMISSIONER";
    return ours && u ? `${u.name} (${ROLE_LABELS[role].toLowerCase()})` : role === "COMMISSIONER" ? "NHS England commissioner" : "The practice manager";
  };
  const p = c.evidencePack;
  return {
    ...toRow(c),
    summary: c.summary,
    pack: { reference: p.reference, sha256: p.sha256, entries: p.entryCount, minutes: p.totalMinutes, costPence: p.totalCostPence, declarationName: p.declarationName, declarationRole: p.declarationRole, declaredOn: p.declaredOn.toISOString().slice(0, 10), totals: (p.summary ?? null) as EvidenceSummary | null },
    events: c.events.map((e) => ({ at: e.at.toISOString(), from: e.fromStatus, to: e.toStatus, toLabel: CLAIM_STATUS_LABELS[e.toStatus], by: by(e.actorUserId, e.actorRole), amountPence: e.amountPence, note: e.note, warningConfirmed: e.warningConfirmed })),
    actions: claimActionsFor(c.status, party),
    warning: ACCEPTANCE_WARNING,
  };
}

/** One of the practice's claims: where it stands, its history, and what the manager may do now. */
export async function getPracticeClaim(db: Db, actor: Actor | null, reference: string): Promise<ClaimDetail> {
  requirePermission(actor, "workload:manage");
  return detail(db, actor, reference, "practice");
}

export const commissionerClaimListSchema = z.object({
  status: z.enum([...CLAIM_STATUSES, "open", "all"]).catch("open"),
  region: z.string().regex(/^Y\d{2}$/).optional().catch(undefined),
});

/**
 * The claims a commissioner decides (their region's; a national commissioner's all, or one region's), oldest waiting
 * first, with counts and amounts by status (claims, not patients: no suppression needed).
 */
export async function listClaimsForCommissioner(db: Db, actor: Actor | null, raw: Record<string, unknown> = {}) {
  requirePermission(actor, "claim:decide");
  const params = commissionerClaimListSchema.parse(raw);
  const base: Prisma.ClaimWhereInput[] = [claimScopeWhere(actor)];
  if (params.region && !actor.regionCode) base.push({ regionCode: params.region });
  const statusFilter: Prisma.ClaimWhereInput = params.status === "all" ? {} : params.status === "open" ? { status: { in: ["SUBMITTED", "UNDER_REVIEW", "OFFER_MADE"] } } : { status: params.status };
  const [rows, byStatus] = await Promise.all([
    db.claim.findMany({ where: { AND: [...base, statusFilter] }, select: rowSelect, orderBy: { submittedAt: "asc" }, take: 200 }),
    db.claim.groupBy({ by: ["status"], where: { AND: base }, _count: { _all: true }, _sum: { amountClaimedPence: true, offerPence: true, paidPence: true } }),
  ]);
  const counts = CLAIM_STATUSES.map((s) => {
    const g = byStatus.find((b) => b.status === s);
    return { status: s, label: CLAIM_STATUS_LABELS[s], claims: g?._count._all ?? 0, claimedPence: g?._sum.amountClaimedPence ?? 0, offeredPence: g?._sum.offerPence ?? 0, paidPence: g?._sum.paidPence ?? 0 };
  });
  return { rows: rows.map(toRow), counts, status: params.status, region: actor.regionCode ?? params.region ?? null, national: !actor.regionCode };
}

/** One claim for a commissioner of its region: the pack's totals, rates and declaration, the history, the next steps. */
export async function getClaimForCommissioner(db: Db, actor: Actor | null, reference: string): Promise<ClaimDetail> {
  requirePermission(actor, "claim:decide");
  return detail(db, actor, reference, "commissioner");
}
