import { beforeAll, describe, expect, it } from "vitest";
import { monthOverview } from "@/lib/dashboards/overview";
import { createMovement } from "@/lib/movements/commands";
import type { Actor } from "@/lib/auth/actor";
import { createOrganisation, createUser, sendRecordForm } from "../fixtures/factories";
import { testDb } from "./setup";

describe("commissioner overview", () => {
  let national: Actor;
  let northEast: Actor;
  const sentNumbers: string[] = [];

  beforeAll(async () => {
    const sender = await createOrganisation(testDb, { regionCode: "Y63" });
    const london = await createOrganisation(testDb, { regionCode: "Y56" });
    const northEastPractice = await createOrganisation(testDb, { regionCode: "Y63" });
    const staff = await createUser(testDb, "PRACTICE_STAFF", { organisationId: sender.id });
    national = await createUser(testDb, "COMMISSIONER");
    northEast = await createUser(testDb, "COMMISSIONER", { regionCode: "Y63" });
    for (const to of [london, london, northEastPractice]) {
      const form = sendRecordForm({ fromOrganisationId: sender.id, destinationOdsCode: to.odsCode });
      sentNumbers.push(String(form.nhsNumber));
      await createMovement(testDb, staff, form);
    }
  });

  it("counts this month's movements by accountable region and status", async () => {
    const overview = await monthOverview(testDb, national);
    const london = overview.regions.find((r) => r.regionCode === "Y56")!;
    const ne = overview.regions.find((r) => r.regionCode === "Y63")!;
    expect(london.byStatus.REQUESTED).toBeGreaterThanOrEqual(2);
    expect(ne.byStatus.REQUESTED).toBeGreaterThanOrEqual(1);
    expect(overview.regions).toHaveLength(7);
    expect(overview.totals.total).toBe(overview.regions.reduce((n, r) => n + r.total, 0));
  });

  it("limits a regional commissioner to their region", async () => {
    const overview = await monthOverview(testDb, northEast);
    expect(overview.regions.map((r) => r.regionCode)).toEqual(["Y63"]);
    expect(overview.scope).toBe("North East and Yorkshire");
  });

  it("carries no patient identifier", async () => {
    const text = JSON.stringify(await monthOverview(testDb, national));
    for (const n of sentNumbers) expect(text).not.toContain(n);
    expect(text).not.toMatch(/Lovelace|Ada|1985-12-10|patient/i);
  });
});
