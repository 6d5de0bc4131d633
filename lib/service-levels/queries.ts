import "server-only";
// Reading the service-level policy for the admin pages (and anyone with policy:read): the version in force, the
// history with each version's state, one version's figures and its difference from the version before.
import type { Db } from "@/lib/db/client";
import { requirePermission, type Actor } from "@/lib/auth/actor";
import { NotFoundError } from "@/lib/errors";
import { londonDate } from "@/lib/nhs/working-days";
import { diffPolicies, policyLines, policyRulesSchema, type PolicyChange, type PolicyRules } from "@/lib/service-levels/policy";

export type VersionState = "in force" | "scheduled" | "superseded";
export type VersionSummary = { version: number; effectiveFrom: string; summary: string; createdBy: string | null; createdAt: string; state: VersionState };

const iso = (d: Date) => d.toISOString().slice(0, 10);

async function versions(db: Db, today: string): Promise<(VersionSummary & { rules: unknown })[]> {
  const rows = await db.serviceLevelPolicy.findMany({
    orderBy: [{ effectiveFrom: "desc" }, { version: "desc" }],
    select: { version: true, effectiveFrom: true, summary: true, createdAt: true, rules: true, createdBy: { select: { name: true } } },
  });
  const inForce = rows.find((r) => iso(r.effectiveFrom) <= today)?.version;
  return rows.map((r) => ({
    version: r.version,
    effectiveFrom: iso(r.effectiveFrom),
    summary: r.summary,
    createdBy: r.createdBy?.name ?? null,
    createdAt: r.createdAt.toISOString(),
    rules: r.rules,
    state: r.version === inForce ? "in force" : iso(r.effectiveFrom) > today ? "scheduled" : "superseded",
  }));
}

export async function serviceLevelOverview(db: Db, actor: Actor | null, now = new Date()) {
  requirePermission(actor, "policy:read");
  const today = londonDate(now);
  const all = await versions(db, today);
  const current = all.find((v) => v.state === "in force");
  if (!current) throw new Error("No service-level policy is in force");
  const rules = policyRulesSchema.parse(current.rules);
  const latest = [...all].sort((a, b) => b.version - a.version)[0];
  return {
    today,
    inForce: { ...strip(current), lines: policyLines(rules) },
    latestVersion: latest.version,
    history: all.map(strip),
  };
}

function strip(v: VersionSummary & { rules: unknown }): VersionSummary {
  return { version: v.version, effectiveFrom: v.effectiveFrom, summary: v.summary, createdBy: v.createdBy, createdAt: v.createdAt, state: v.state };
}

export async function policyVersionDetail(db: Db, actor: Actor | null, rawVersion: string, now = new Date()): Promise<VersionSummary & { lines: ReturnType<typeof policyLines>; previous: number | null; changes: PolicyChange[] }> {
  requirePermission(actor, "policy:read");
  const version = Number(rawVersion);
  if (!Number.isInteger(version) || version < 1 || version > 1_000_000) throw new NotFoundError("That policy version");
  const all = await versions(db, londonDate(now));
  const found = all.find((v) => v.version === version);
  if (!found) throw new NotFoundError("That policy version");
  const previous = all.filter((v) => v.version < version).sort((a, b) => b.version - a.version)[0] ?? null;
  const rules = policyRulesSchema.parse(found.rules);
  return {
    ...strip(found),
    lines: policyLines(rules),
    previous: previous?.version ?? null,
    changes: diffPolicies(previous ? policyRulesSchema.parse(previous.rules) : null, rules),
  };
}

/** The newest version's rules: what "create a new version" starts from. */
export async function latestPolicy(db: Db, actor: Actor | null): Promise<{ version: number; rules: PolicyRules }> {
  requirePermission(actor, "policy:manage");
  const row = await db.serviceLevelPolicy.findFirst({ orderBy: { version: "desc" }, select: { version: true, rules: true } });
  if (!row) throw new Error("No service-level policy exists");
  return { version: row.version, rules: policyRulesSchema.parse(row.rules) };
}
