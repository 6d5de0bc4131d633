// Reference data every environment needs: NHS England regions, ICBs, bank holidays, the PCSE sites and the
// cross-border agencies. Idempotent. Files come from the repository's data/ folder (Open Government Licence v3.0).
import { parse } from "csv-parse/sync";
import { REGIONS } from "@/lib/reference/regions";
import { BANK_HOLIDAY_DIVISIONS, readBankHolidayFile, readReferenceFile } from "@/lib/reference/files";
import type { Db } from "@/lib/db/client";
import { importPractices, parseEpraccur, type ImportSummary } from "@/lib/organisations/ods-import";

export { REGIONS };

/**
 * Organisations that are not GP practices. The ODS extract has no codes for the PCSE records store and office
 * or for the cross-border agencies as this service uses them, so the portal gives them its own codes starting
 * with X (no ODS practice code does). Replace them with the real codes when PCSE confirms them.
 */
export const SERVICE_ORGANISATIONS = [
  { odsCode: "XPCSST", kind: "PCSE_STORE", name: "PCSE Records Store", addressLines: ["Unit 4, Records Park", "Darlington"], postcode: "DL1 4QB", country: "ENGLAND" },
  { odsCode: "XPCSOF", kind: "PCSE_OFFICE", name: "PCSE Records Office", addressLines: ["Primary Care Support England", "Leeds"], postcode: "LS1 4HR", country: "ENGLAND" },
  { odsCode: "XCBWAL", kind: "CROSS_BORDER_AGENCY", name: "NHS Wales Shared Services Partnership (records)", addressLines: ["Companies House", "Crown Way", "Cardiff"], postcode: "CF14 3UB", country: "WALES" },
  { odsCode: "XCBSCO", kind: "CROSS_BORDER_AGENCY", name: "NHS Scotland Practitioner Services (records)", addressLines: ["Gyle Square", "1 South Gyle Crescent", "Edinburgh"], postcode: "EH12 9EB", country: "SCOTLAND" },
  { odsCode: "XCBNIR", kind: "CROSS_BORDER_AGENCY", name: "Business Services Organisation NI (records)", addressLines: ["2 Franklin Street", "Belfast"], postcode: "BT2 8DQ", country: "NORTHERN_IRELAND" },
] as const;

export async function loadRegionsAndIcbs(db: Db, practicesCsv: string = readReferenceFile("ods/epraccur.csv")) {
  for (const r of REGIONS) {
    await db.region.upsert({ where: { code: r.code }, create: r, update: { name: r.name } });
  }
  // An ICB's region: the region most of its practices report (the ICB file does not carry it).
  const votes = new Map<string, Map<string, number>>();
  for (const p of parseEpraccur(practicesCsv)) {
    if (!p.active || !p.icbCode || !p.regionCode) continue;
    const v = votes.get(p.icbCode) ?? new Map<string, number>();
    v.set(p.regionCode, (v.get(p.regionCode) ?? 0) + 1);
    votes.set(p.icbCode, v);
  }
  const rows: Record<string, string>[] = parse(readReferenceFile("ods/icb_names_codes_dec_2024.csv"), {
    columns: true,
    skip_empty_lines: true,
    bom: true,
  });
  for (const row of rows) {
    const code = row.ICB24CDH;
    const v = votes.get(code);
    const regionCode = v ? [...v.entries()].sort((a, b) => b[1] - a[1])[0][0] : null;
    const data = { onsCode: row.ICB24CD, name: row.ICB24NM, regionCode };
    await db.icb.upsert({ where: { code }, create: { code, ...data }, update: data });
  }
  return { regions: REGIONS.length, icbs: rows.length };
}

/** gov.uk's bank holidays for all three divisions (England and Wales, Scotland, Northern Ireland). Idempotent:
 * existing rows (and one-off holidays an administrator added) are kept. Returns England and Wales's count. */
export async function loadBankHolidayFile(db: Db) {
  const file = readBankHolidayFile();
  for (const division of BANK_HOLIDAY_DIVISIONS) {
    await db.bankHoliday.createMany({
      data: file[division].events.map((e) => ({ date: new Date(`${e.date}T00:00:00Z`), title: e.title, division })),
      skipDuplicates: true,
    });
  }
  return file["england-and-wales"].events.length;
}

export async function loadServiceOrganisations(db: Db) {
  for (const o of SERVICE_ORGANISATIONS) {
    const data = { kind: o.kind, name: o.name, addressLines: [...o.addressLines], postcode: o.postcode, country: o.country };
    await db.organisation.upsert({ where: { odsCode: o.odsCode }, create: { odsCode: o.odsCode, ...data }, update: data });
  }
}

export async function loadReferenceData(db: Db): Promise<{ practices: ImportSummary; icbs: number; holidays: number }> {
  const practicesCsv = readReferenceFile("ods/epraccur.csv");
  const { icbs } = await loadRegionsAndIcbs(db, practicesCsv);
  const holidays = await loadBankHolidayFile(db);
  await loadServiceOrganisations(db);
  const practices = await importPractices(db, parseEpraccur(practicesCsv), new Date(), "data/ods/epraccur.csv");
  return { practices, icbs, holidays };
}
