import { describe, expect, it } from "vitest";
import { importPractices, parseEpraccur } from "@/lib/organisations/ods-import";
import { readReferenceFile } from "@/lib/reference/files";
import { lastOdsImport } from "@/lib/organisations/admin";
import { createUser } from "../fixtures/factories";
import { testDb } from "./setup";

const row = (code: string, name: string, region: string, icb: string, status: string, setting = "4") =>
  [code, name, region, icb, "THE SURGERY", "1 HIGH STREET", "TESTTOWN", "", "", "TT1 1AA", "20000101", "", status, "B", "00X", "", "", "01234 567890", "", "", "", "0", "", "00X", "", setting, ""].map((v) => `"${v}"`).join(",");

describe("ODS practice import", () => {
  it("imports active GP practices, updates on re-import and closes what the extract closes", async () => {
    const first = [row("ZX0001", "FIRST SURGERY", "Y63", "QHM", "A"), row("ZX0002", "SECOND NHS PRACTICE", "W00", "Q99", "A"), row("ZX0003", "A PHARMACY", "Y63", "QHM", "A", "1"), row("ZX0004", "OLD SURGERY", "Y63", "QHM", "C")].join("\n");
    const parsed = parseEpraccur(first);
    expect(parsed.map((p) => p.odsCode)).toEqual(["ZX0001", "ZX0002", "ZX0004"]);
    const summary = await importPractices(testDb, parsed);
    expect(summary.active).toBe(2);
    const wales = await testDb.organisation.findUniqueOrThrow({ where: { odsCode: "ZX0002" } });
    expect(wales).toMatchObject({ country: "WALES", regionCode: null, icbCode: null, name: "Second NHS Practice" });
    const england = await testDb.organisation.findUniqueOrThrow({ where: { odsCode: "ZX0001" } });
    expect(england).toMatchObject({ country: "ENGLAND", regionCode: "Y63", icbCode: "QHM", postcode: "TT1 1AA", closedAt: null });
    expect(england.addressLines).toEqual(["The Surgery", "1 High Street", "Testtown"]);

    const second = [row("ZX0001", "FIRST SURGERY RENAMED", "Y63", "QHM", "A"), row("ZX0002", "SECOND NHS PRACTICE", "W00", "Q99", "C")].join("\n");
    const again = await importPractices(testDb, parseEpraccur(second));
    expect(again.closed).toBe(1);
    expect((await testDb.organisation.findUniqueOrThrow({ where: { odsCode: "ZX0001" } })).name).toBe("First Surgery Renamed");
    expect((await testDb.organisation.findUniqueOrThrow({ where: { odsCode: "ZX0002" } })).closedAt).not.toBeNull();
    expect(await testDb.organisation.count({ where: { odsCode: { startsWith: "ZX000" } } })).toBe(2);
  });

  it("records each run with what it changed, for the administrator (issue 13)", async () => {
    const admin = await createUser(testDb, "ADMINISTRATOR");
    const one = [row("ZY0001", "ALPHA SURGERY", "Y63", "QHM", "A"), row("ZY0002", "BETA SURGERY", "Y63", "QHM", "A")].join("\n");
    const first = await importPractices(testDb, parseEpraccur(one), new Date(), "/somewhere/epraccur-2026-10.csv");
    expect(first).toMatchObject({ added: 2, updated: 0, closed: 0, reopened: 0, changes: { added: ["ZY0001", "ZY0002"] } });
    expect(await lastOdsImport(testDb, admin)).toMatchObject({ source: "epraccur-2026-10.csv", practices: 2, added: 2, names: { ZY0001: "Alpha Surgery" } });
    // The same extract again changes nothing (and writes no row: updatedAt stays).
    const before = await testDb.organisation.findUniqueOrThrow({ where: { odsCode: "ZY0001" }, select: { updatedAt: true } });
    expect(await importPractices(testDb, parseEpraccur(one))).toMatchObject({ added: 0, updated: 0, closed: 0, reopened: 0 });
    expect((await testDb.organisation.findUniqueOrThrow({ where: { odsCode: "ZY0001" }, select: { updatedAt: true } })).updatedAt).toEqual(before.updatedAt);
    const two = [row("ZY0001", "ALPHA SURGERY RENAMED", "Y63", "QHM", "A"), row("ZY0002", "BETA SURGERY", "Y63", "QHM", "C")].join("\n");
    expect(await importPractices(testDb, parseEpraccur(two), new Date(), "epraccur-2026-11.csv")).toMatchObject({ added: 0, updated: 1, closed: 1, changes: { updated: ["ZY0001"], closed: ["ZY0002"] } });
    expect(await importPractices(testDb, parseEpraccur(one))).toMatchObject({ updated: 1, reopened: 1, changes: { updated: ["ZY0001"], reopened: ["ZY0002"] } });
    const last = await lastOdsImport(testDb, admin);
    expect(last).toMatchObject({ updated: 1, reopened: 1, changes: { reopened: ["ZY0002"] } });
    expect(await testDb.odsImportRun.count()).toBeGreaterThanOrEqual(4);
  });

  it("reads the real extract: 6,651 active practices in England and Wales", async () => {
    const practices = parseEpraccur(readReferenceFile("ods/epraccur.csv")).filter((p) => p.active);
    expect(practices).toHaveLength(6651);
    expect(practices.filter((p) => p.country === "WALES")).toHaveLength(398);
  });
});
