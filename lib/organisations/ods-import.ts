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

export type ImportSummary = { active: number; upserted: number; closed: number; skippedUnknownIcb: number };

/** Upserts active practices and marks practices the extract shows closed. Idempotent. */
export async function importPractices(db: Db, practices: OdsPractice[], now = new Date()): Promise<ImportSummary> {
  const icbs = new Set((await db.icb.findMany({ select: { code: true } })).map((i) => i.code));
  const active = practices.filter((p) => p.active);
  let skippedUnknownIcb = 0;
  let upserted = 0;
  for (let i = 0; i < active.length; i += 1000) {
    const batch = active.slice(i, i + 1000);
    const icbCodes = batch.map((p) => {
      if (p.icbCode && !icbs.has(p.icbCode)) {
        skippedUnknownIcb++;
        return null;
      }
      return p.icbCode;
    });
    upserted += await db.$executeRaw`
      INSERT INTO "Organisation" ("id", "odsCode", "kind", "name", "addressLines", "postcode", "phone", "country", "regionCode", "icbCode", "updatedAt")
      SELECT gen_random_uuid(), t.code, 'GP_PRACTICE'::"OrganisationKind", t.name, string_to_array(t.address, E'\n')::varchar(100)[],
             t.postcode, t.phone, t.country::"Country", t.region, t.icb, ${now}
      FROM unnest(${batch.map((p) => p.odsCode)}::text[], ${batch.map((p) => p.name)}::text[],
                  ${batch.map((p) => p.addressLines.join("\n"))}::text[], ${batch.map((p) => p.postcode)}::text[],
                  ${batch.map((p) => p.phone)}::text[], ${batch.map((p) => p.country)}::text[], ${batch.map((p) => p.regionCode)}::text[], ${icbCodes}::text[])
           AS t(code, name, address, postcode, phone, country, region, icb)
      ON CONFLICT ("odsCode") DO UPDATE SET
        "name" = EXCLUDED."name", "addressLines" = EXCLUDED."addressLines", "postcode" = EXCLUDED."postcode", "phone" = EXCLUDED."phone",
        "country" = EXCLUDED."country", "regionCode" = EXCLUDED."regionCode", "icbCode" = EXCLUDED."icbCode",
        "closedAt" = NULL, "updatedAt" = EXCLUDED."updatedAt"`;
  }
  const closedCodes = practices.filter((p) => !p.active).map((p) => p.odsCode);
  const closed = await db.organisation.updateMany({
    where: { odsCode: { in: closedCodes }, kind: "GP_PRACTICE", closedAt: null },
    data: { closedAt: now },
  });
  return { active: active.length, upserted, closed: closed.count, skippedUnknownIcb };
}
