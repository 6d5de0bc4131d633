// Import of the ODS GP practice extract (epraccur: no header, 27 columns). A real, repeatable import: run it
// again with a newer extract and names, addresses, ICBs and closures are brought up to date. Used by
// `npm run db:import-ods -- FILE` and by the seed. Not a server-only module: scripts run it.
import { parse } from "csv-parse/sync";
import type { Db } from "@/lib/db/client";

export type OdsPractice = {
  odsCode: string;
  name: string;
  regionCode: string | null;
  icbCode: string | null;
  addressLines: string[];
  postcode: string | null;
  /** The practice's published telephone number (ODS column 18), for PCSE to ring about a case. */
  phone: string | null;
  country: "ENGLAND" | "WALES";
  active: boolean;
};

const ENGLAND_REGIONS = new Set(["Y56", "Y58", "Y59", "Y60", "Y61", "Y62", "Y63"]);
const WALES_REGION = "W00";

function titleCase(value: string): string {
  return value
    .toLowerCase()
    .replace(/\b([a-z])/g, (c) => c.toUpperCase())
    .replace(/\b(Nhs|Gp|Pcn|Uk)\b/g, (w) => w.toUpperCase());
}

/** Parses epraccur rows with prescribing setting 4 (GP practice) in England or Wales. */
export function parseEpraccur(csvText: string): OdsPractice[] {
  const rows: string[][] = parse(csvText, { relax_column_count: true, skip_empty_lines: true });
  const out: OdsPractice[] = [];
  for (const r of rows) {
    if (r.length < 26) continue;
    const [code, name, region, icb, a1, a2, a3, a4, a5, postcode] = r;
    const status = r[12];
    const setting = r[25];
    if (setting !== "4") continue;
    if (!ENGLAND_REGIONS.has(region) && region !== WALES_REGION) continue;
    const wales = region === WALES_REGION;
    out.push({
      odsCode: code.trim().toUpperCase(),
      name: titleCase(name.trim()),
      regionCode: wales ? null : region,
      // Q99 is the code used for Wales in the extract: not an English ICB.
      icbCode: wales || !icb ? null : icb,
      addressLines: [a1, a2, a3, a4, a5].map((l) => l.trim()).filter(Boolean).map(titleCase),
      postcode: postcode.trim() || null,
      phone: (r[17] ?? "").trim().slice(0, 30) || null,
      country: wales ? "WALES" : "ENGLAND",
      active: status === "A",
    });
  }
  return out;
}

export type ImportSummary = {
  active: number;
  /** Practices new to the portal. */
  added: number;
  /** Practices whose name, address, postcode, telephone, region or ICB changed. */
  updated: number;
  closed: number;
  /** Practices the portal had closed that the extract lists as active again. */
  reopened: number;
  skippedUnknownIcb: number;
  /** The ODS codes behind each count (at most CHANGES_KEPT of each), as the run is recorded. */
  changes: { added: string[]; updated: string[]; closed: string[]; reopened: string[] };
  /** The OdsImportRun row that records this run. */
  runId: string;
};

/** How many ODS codes of each kind of change a run keeps (the counts are always exact). */
export const CHANGES_KEPT = 500;

const sameList = (a: readonly string[], b: readonly string[]) => a.length === b.length && a.every((x, i) => x === b[i]);

/**
 * Upserts active practices and marks practices the extract shows closed. Idempotent: a second run of the same extract
 * changes nothing (and records a run with nothing changed). Each run is recorded (OdsImportRun) with what it changed,
 * for /admin/organisations. `source`: the extract's file name.
 */
export async function importPractices(db: Db, practices: OdsPractice[], now = new Date(), source = "epraccur.csv"): Promise<ImportSummary> {
  const icbs = new Set((await db.icb.findMany({ select: { code: true } })).map((i) => i.code));
  const existing = new Map(
    (
      await db.organisation.findMany({
        where: { odsCode: { in: practices.map((p) => p.odsCode) } },
        select: { odsCode: true, kind: true, name: true, addressLines: true, postcode: true, phone: true, country: true, regionCode: true, icbCode: true, closedAt: true },
      })
    ).map((o) => [o.odsCode, o]),
  );
  const active = practices.filter((p) => p.active);
  const changes: ImportSummary["changes"] = { added: [], updated: [], closed: [], reopened: [] };
  const counts = { added: 0, updated: 0, reopened: 0 };
  let skippedUnknownIcb = 0;
  const icbCodes = active.map((p) => {
    if (p.icbCode && !icbs.has(p.icbCode)) {
      skippedUnknownIcb++;
      return null;
    }
    return p.icbCode;
  });
  const note = (kind: keyof typeof changes, code: string) => {
    if (changes[kind].length < CHANGES_KEPT) changes[kind].push(code);
  };
  active.forEach((p, i) => {
    const o = existing.get(p.odsCode);
    if (!o) {
      counts.added++;
      return note("added", p.odsCode);
    }
    if (o.kind !== "GP_PRACTICE") return;
    if (o.closedAt) {
      counts.reopened++;
      note("reopened", p.odsCode);
    }
    if (o.name !== p.name || !sameList(o.addressLines, p.addressLines) || o.postcode !== p.postcode || o.phone !== p.phone || o.country !== p.country || o.regionCode !== p.regionCode || o.icbCode !== icbCodes[i]) {
      counts.updated++;
      note("updated", p.odsCode);
    }
  });
  for (let i = 0; i < active.length; i += 1000) {
    const batch = active.slice(i, i + 1000);
    const batchIcbs = icbCodes.slice(i, i + 1000);
    // Only rows that change are written (updatedAt then says when a practice last changed).
    await db.$executeRaw`
      INSERT INTO "Organisation" ("id", "odsCode", "kind", "name", "addressLines", "postcode", "phone", "country", "regionCode", "icbCode", "updatedAt")
      SELECT gen_random_uuid(), t.code, 'GP_PRACTICE'::"OrganisationKind", t.name, string_to_array(t.address, E'\n')::varchar(100)[],
             t.postcode, t.phone, t.country::"Country", t.region, t.icb, ${now}
      FROM unnest(${batch.map((p) => p.odsCode)}::text[], ${batch.map((p) => p.name)}::text[],
                  ${batch.map((p) => p.addressLines.join("\n"))}::text[], ${batch.map((p) => p.postcode)}::text[],
                  ${batch.map((p) => p.phone)}::text[], ${batch.map((p) => p.country)}::text[], ${batch.map((p) => p.regionCode)}::text[], ${batchIcbs}::text[])
           AS t(code, name, address, postcode, phone, country, region, icb)
      ON CONFLICT ("odsCode") DO UPDATE SET
        "name" = EXCLUDED."name", "addressLines" = EXCLUDED."addressLines", "postcode" = EXCLUDED."postcode", "phone" = EXCLUDED."phone",
        "country" = EXCLUDED."country", "regionCode" = EXCLUDED."regionCode", "icbCode" = EXCLUDED."icbCode",
        "closedAt" = NULL, "updatedAt" = EXCLUDED."updatedAt"
      WHERE "Organisation"."kind" = 'GP_PRACTICE'
        AND ("Organisation"."name", "Organisation"."addressLines", "Organisation"."postcode", "Organisation"."phone", "Organisation"."country", "Organisation"."regionCode", "Organisation"."icbCode", "Organisation"."closedAt")
            IS DISTINCT FROM (EXCLUDED."name", EXCLUDED."addressLines", EXCLUDED."postcode", EXCLUDED."phone", EXCLUDED."country", EXCLUDED."regionCode", EXCLUDED."icbCode", NULL::timestamptz)`;
  }
  const closedCodes = practices.filter((p) => !p.active).map((p) => p.odsCode);
  const toClose = await db.organisation.findMany({ where: { odsCode: { in: closedCodes }, kind: "GP_PRACTICE", closedAt: null }, select: { odsCode: true }, orderBy: { odsCode: "asc" } });
  const closed = await db.organisation.updateMany({ where: { odsCode: { in: toClose.map((o) => o.odsCode) }, closedAt: null }, data: { closedAt: now } });
  for (const o of toClose) note("closed", o.odsCode);
  const run = await db.odsImportRun.create({
    data: {
      startedAt: now,
      finishedAt: new Date(),
      source: source.split(/[\\/]/).pop()!.slice(0, 200),
      practices: active.length,
      added: counts.added,
      updated: counts.updated,
      closed: closed.count,
      reopened: counts.reopened,
      skippedUnknownIcb,
      changes,
    },
    select: { id: true },
  });
  return { active: active.length, ...counts, closed: closed.count, skippedUnknownIcb, changes, runId: run.id.toString() };
}
