// Reading policy versions. A version's rules never change (a database trigger refuses it), so they are cached by
// version for the life of the process; which version is in force on a date is always read fresh. No server-only
// import: the ingest path, the worker and scripts use it.
import type { Sql } from "@/lib/db/sql";
import { policyRulesSchema, type PolicyRules } from "@/lib/service-levels/policy";

const byVersion = new Map<number, PolicyRules>();

export async function policyRules(sql: Sql, version: number): Promise<PolicyRules> {
  const cached = byVersion.get(version);
  if (cached) return cached;
  const [row] = await sql.query<{ rules: unknown }>(`SELECT rules FROM "ServiceLevelPolicy" WHERE version = $1`, [version]);
  if (!row) throw new Error(`Service-level policy version ${version} does not exist`);
  const rules = policyRulesSchema.parse(row.rules);
  byVersion.set(version, rules);
  return rules;
}

/** Rules for several versions at once (the refresh of a batch of movements). */
export async function policyRulesFor(sql: Sql, versions: Iterable<number>): Promise<Map<number, PolicyRules>> {
  const out = new Map<number, PolicyRules>();
  for (const v of new Set(versions)) out.set(v, await policyRules(sql, v));
  return out;
}

/** The version in force on a calendar date (`YYYY-MM-DD`): the latest effective on or before it (ties: the newest). */
export async function versionInForce(sql: Sql, onDate: string): Promise<number> {
  const [row] = await sql.query<{ version: number }>(
    `SELECT version FROM "ServiceLevelPolicy" WHERE "effectiveFrom" <= $1::date ORDER BY "effectiveFrom" DESC, version DESC LIMIT 1`,
    [onDate],
  );
  if (!row) throw new Error(`No service-level policy is in force on ${onDate}`);
  return row.version;
}
