import "server-only";
// Changing the service-level policy: always a new version, copied from the newest and effective today or later.
// Nothing is edited in place (a database trigger refuses it), so movements and cases keep the rules they were
// opened under. Every new version is audited with what changed.
import { z } from "zod";
import type { Db } from "@/lib/db/client";
import { Prisma } from "@/lib/db/generated/client";
import { requirePermission, type Actor } from "@/lib/auth/actor";
import { ValidationError, fieldErrorsOf } from "@/lib/errors";
import { recordAuditEvent } from "@/lib/audit/record";
import { londonDate } from "@/lib/nhs/working-days";
import { addCalendarMonthsPlain } from "@/lib/clocks/calendar";
import { diffPolicies, policyRulesSchema } from "@/lib/service-levels/policy";
import { rulesFromForm } from "@/lib/service-levels/form";
import { parseDateParts } from "@/lib/service-levels/dates";

const summarySchema = z
  .string({ error: "Say what changed and why" })
  .trim()
  .min(10, "Say what changed and why, in at least 10 characters")
  .max(1000, "The summary must be 1000 characters or fewer")
  .refine((v) => !/[<>]/.test(v), "The summary must not contain < or >");

export async function createPolicyVersion(db: Db, actor: Actor | null, raw: Record<string, unknown>, now = new Date()): Promise<{ version: number; changes: number }> {
  requirePermission(actor, "policy:manage");
  const today = londonDate(now);
  const base = await db.serviceLevelPolicy.findFirst({ orderBy: { version: "desc" }, select: { version: true, rules: true } });
  if (!base) throw new Error("No service-level policy exists to copy");
  const baseRules = policyRulesSchema.parse(base.rules);
  const errors: Record<string, string[]> = {};
  const effective = parseDateParts(raw, "effective", "The date it takes effect");
  if (!effective.ok) errors.effectiveFrom = [effective.message];
  else if (effective.date < today) errors.effectiveFrom = ["The date it takes effect must be today or later: a policy never changes the past"];
  else if (effective.date > addCalendarMonthsPlain(today, 24)) errors.effectiveFrom = ["The date it takes effect must be within the next two years"];
  const summary = summarySchema.safeParse(raw.summary);
  if (!summary.success) Object.assign(errors, fieldErrorsOf(summary.error, () => "summary"));
  const parsed = rulesFromForm(baseRules, raw);
  if (!parsed.ok) Object.assign(errors, parsed.fieldErrors);
  if (Object.keys(errors).length || !parsed.ok || !effective.ok || !summary.success) throw new ValidationError(errors);
  const changes = diffPolicies(baseRules, parsed.rules);
  if (changes.length === 0) throw new ValidationError({ form: [`Nothing has changed from version ${base.version}: change at least one figure`] });

  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      return await db.$transaction(async (tx) => {
        const latest = await tx.serviceLevelPolicy.findFirst({ orderBy: { version: "desc" }, select: { version: true } });
        if (latest!.version !== base.version) throw new ValidationError({ form: [`Someone made version ${latest!.version} while you were editing: start again from it`] });
        const version = base.version + 1;
        await tx.serviceLevelPolicy.create({
          data: { version, effectiveFrom: new Date(`${effective.date}T00:00:00Z`), rules: parsed.rules as unknown as Prisma.InputJsonValue, summary: summary.data, createdById: actor.id },
        });
        await recordAuditEvent(tx, {
          actor,
          action: "CREATE_SERVICE_LEVEL_POLICY",
          entityType: "ServiceLevelPolicy",
          entityId: String(version),
          details: { effectiveFrom: effective.date, copiedFrom: base.version, changes: changes.slice(0, 50).map((c) => `${c.label}: ${c.from ?? "none"} -> ${c.to ?? "none"}`) },
        });
        return { version, changes: changes.length };
      });
    } catch (error) {
      // Two administrators saving at the same instant: the second is told to start again (above) or retries.
      if (!(error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002")) throw error;
    }
  }
  throw new ValidationError({ form: ["Someone else saved a version at the same moment: start again from the newest version"] });
}
