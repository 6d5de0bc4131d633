import "server-only";
// KPI 11, service credits: a ledger of what the contract rule in each final month's policy gives for a KPI below its
// target, proposed by the dashboards job when the month becomes final (lib/dashboards/rollup.ts), then applied,
// disputed or waived by a national commissioner (a dispute and a waiver need a reason). Each change is kept in
// ServiceCreditEvent and the audit trail. Figures are England's exact ones: no patient data anywhere here.
import { z } from "zod";
import type { Db } from "@/lib/db/client";
import type { Sql } from "@/lib/db/sql";
import type { ServiceCreditStatus } from "@/lib/db/generated/enums";
import { requirePermission, type Actor } from "@/lib/auth/actor";
import { ForbiddenError, NotFoundError, ValidationError } from "@/lib/errors";
import { recordAuditEvent } from "@/lib/audit/record";
import { monthLabel, type MonthKey } from "@/lib/dashboards/metrics";
import type { CreditLine } from "@/lib/dashboards/kpis";

export const CREDIT_STATUS_LABELS: Record<ServiceCreditStatus, string> = { PROPOSED: "Proposed", APPLIED: "Applied", DISPUTED: "Disputed", WAIVED: "Waived" };

/** Which status may follow which: applied and waived are settled. */
export const CREDIT_TRANSITIONS: Record<ServiceCreditStatus, ServiceCreditStatus[]> = { PROPOSED: ["APPLIED", "DISPUTED", "WAIVED"], DISPUTED: ["APPLIED", "WAIVED"], APPLIED: [], WAIVED: [] };

/** Inside the rollup's transaction when a month becomes final: one proposed credit per KPI below target (idempotent). */
export async function proposeServiceCredits(sql: Sql, month: MonthKey, policyVersion: number, lines: readonly CreditLine[], now: Date): Promise<number> {
  let proposed = 0;
  for (const l of lines) {
    if (l.creditPercent <= 0) continue;
    const rows = await sql.query<{ id: string }>(
      `INSERT INTO "ServiceCredit" (id, month, kpi, "policyVersion", "measuredPercent", "targetPercent", "pointsBelow", "creditPercent", "amountPence", rule, status, "createdAt", "updatedAt")
       VALUES (gen_random_uuid(), $1::date, $2, $3, $4, $5, $6, $7, $8, $9, 'PROPOSED', $10, $10) ON CONFLICT (month, kpi) DO NOTHING RETURNING id`,
      [`${month}-01`, l.kpi, policyVersion, l.measured, l.target, l.pointsBelow, l.creditPercent, l.amountPence, l.rule.slice(0, 300), now],
    );
    if (rows[0]) {
      await sql.query(`INSERT INTO "ServiceCreditEvent" ("creditId", "fromStatus", "toStatus", note, at) VALUES ($1::uuid, NULL, 'PROPOSED', $2, $3)`, [rows[0].id, "Proposed by the dashboards job when the month's figures became final", now]);
      proposed++;
    }
  }
  return proposed;
}

export type LedgerEntry = {
  id: string;
  month: MonthKey;
  monthLabel: string;
  kpi: string;
  policyVersion: number;
  measuredPercent: number | null;
  targetPercent: number;
  pointsBelow: number;
  creditPercent: number;
  amountPence: number;
  rule: string;
  status: ServiceCreditStatus;
  next: ServiceCreditStatus[];
  history: { from: ServiceCreditStatus | null; to: ServiceCreditStatus; note: string | null; by: string | null; at: Date }[];
};

/** The ledger, newest month first, with each credit's history; `month` narrows it to one month. */
export async function serviceCreditLedger(db: Db, actor: Actor | null, month?: string | null): Promise<LedgerEntry[]> {
  requirePermission(actor, "dashboard:read");
  const filter = month && /^\d{4}-\d{2}$/.test(month) ? { month: new Date(`${month}-01T00:00:00Z`) } : {};
  const rows = await db.serviceCredit.findMany({ where: filter, orderBy: [{ month: "desc" }, { kpi: "asc" }], include: { events: { orderBy: { id: "asc" } } }, take: 500 });
  return rows.map((r) => {
    const m = r.month.toISOString().slice(0, 7);
    return {
      id: r.id,
      month: m,
      monthLabel: monthLabel(m),
      kpi: r.kpi,
      policyVersion: r.policyVersion,
      measuredPercent: r.measuredPercent,
      targetPercent: r.targetPercent,
      pointsBelow: r.pointsBelow,
      creditPercent: r.creditPercent,
      amountPence: Number(r.amountPence),
      rule: r.rule,
      status: r.status,
      next: CREDIT_TRANSITIONS[r.status],
      history: r.events.map((e) => ({ from: e.fromStatus, to: e.toStatus, note: e.note, by: e.actorName, at: e.at })),
    };
  });
}

const changeSchema = z.object({
  creditId: z.string().uuid("Choose a service credit"),
  status: z.enum(["APPLIED", "DISPUTED", "WAIVED"], { error: "Choose what to do with the credit" }),
  note: z.string().trim().max(1000, "Keep the reason to 1,000 characters").optional().default(""),
});

/** Applies, disputes or waives a credit (national commissioners only); a dispute or waiver needs a reason. */
export async function changeServiceCredit(db: Db, actor: Actor | null, raw: unknown, now = new Date()): Promise<{ status: ServiceCreditStatus }> {
  requirePermission(actor, "dashboard:read");
  if (actor.regionCode) throw new ForbiddenError("Only a national commissioner can change a service credit");
  const parsed = changeSchema.safeParse(raw);
  if (!parsed.success) throw new ValidationError(z.flattenError(parsed.error).fieldErrors as Record<string, string[]>);
  const input = parsed.data;
  if (input.status !== "APPLIED" && !input.note) throw new ValidationError({ note: [`Say why the credit is ${input.status === "DISPUTED" ? "disputed" : "waived"}`] });
  return db.$transaction(async (tx) => {
    const [credit] = await tx.$queryRaw<{ id: string; status: ServiceCreditStatus; month: Date; kpi: string }[]>`SELECT id, status, month, kpi FROM "ServiceCredit" WHERE id = ${input.creditId}::uuid FOR UPDATE`;
    if (!credit) throw new NotFoundError("That service credit");
    if (!CREDIT_TRANSITIONS[credit.status].includes(input.status)) throw new ValidationError({ status: [`A credit that is ${CREDIT_STATUS_LABELS[credit.status].toLowerCase()} cannot be ${CREDIT_STATUS_LABELS[input.status].toLowerCase()}`] });
    await tx.serviceCredit.update({ where: { id: credit.id }, data: { status: input.status } });
    await tx.serviceCreditEvent.create({ data: { creditId: credit.id, fromStatus: credit.status, toStatus: input.status, note: input.note || null, actorUserId: actor.id, actorName: actor.name, at: now } });
    await recordAuditEvent(tx, { actor, action: "CHANGE_SERVICE_CREDIT", entityType: "ServiceCredit", entityId: credit.id, details: { month: credit.month.toISOString().slice(0, 7), kpi: credit.kpi, from: credit.status, to: input.status } });
    return { status: input.status };
  });
}
