// The service-level policy as data: version 1 from the migration, versions that are never edited, a new version
// changing new movements' due dates and not old ones, the admin's validation, and one-off bank holidays.
// Dates are far in the future (2029-2031) so no other test's movements fall under the versions made here.
import { describe, expect, it } from "vitest";
import { createMovement } from "@/lib/movements/commands";
import { createPolicyVersion } from "@/lib/service-levels/commands";
import { policyVersionDetail, serviceLevelOverview } from "@/lib/service-levels/queries";
import { addBankHoliday, calendarOverview } from "@/lib/service-levels/calendar-admin";
import { DEFAULT_POLICY_RULES, movementTargets } from "@/lib/service-levels/policy";
import { policyRules, versionInForce } from "@/lib/service-levels/versions";
import { allNumberFields } from "@/lib/service-levels/form";
import { prismaSql } from "@/lib/db/sql";
import { rederiveRunningClocks } from "@/lib/jobs/clock-sweep";
import { addWorkingDays } from "@/lib/nhs/working-days";
import { bankHolidayDates } from "@/lib/reference/files";
import { ForbiddenError, ValidationError } from "@/lib/errors";
import { createOrganisation, createUser, sendRecordForm } from "../fixtures/factories";
import { testDb, testTransactions } from "./setup";

const iso = (d: Date) => d.toISOString().slice(0, 10);

/** The form an administrator posts: every figure of `rules`, plus the changes. */
function formFor(rules = DEFAULT_POLICY_RULES, changes: Record<string, string> = {}, effective = { day: "2", month: "1", year: "2030" }) {
  const form: Record<string, string> = { effectiveDay: effective.day, effectiveMonth: effective.month, effectiveYear: effective.year, summary: "New courier contract: 10 working days to deliver" };
  for (const f of allNumberFields(rules)) form[f.name] = String(f.value);
  return { ...form, ...changes };
}

describe("service-level policy versions", () => {
  it("version 1 in the database is the default policy built from the service's rules", async () => {
    const row = await testDb.serviceLevelPolicy.findUniqueOrThrow({ where: { version: 1 } });
    expect(row.rules).toEqual(DEFAULT_POLICY_RULES);
    expect(iso(row.effectiveFrom)).toBe("2024-01-01");
  });

  it("a version is never edited or deleted: the database refuses it", async () => {
    await expect(testDb.$executeRawUnsafe(`UPDATE "ServiceLevelPolicy" SET summary = 'changed' WHERE version = 1`)).rejects.toThrow(/never changed/);
    await expect(testDb.$executeRawUnsafe(`DELETE FROM "ServiceLevelPolicy" WHERE version = 1`)).rejects.toThrow(/never changed/);
  });

  it("only an administrator makes a new version, and bad input changes nothing", async () => {
    const caseworker = await createUser(testDb, "PCSE_CASEWORKER");
    await expect(createPolicyVersion(testDb, caseworker, formFor())).rejects.toBeInstanceOf(ForbiddenError);
    const admin = await createUser(testDb, "ADMINISTRATOR");
    const before = await testDb.serviceLevelPolicy.count();
    const now = new Date("2029-12-01T10:00:00Z");
    const attempts: [Record<string, string>, string, RegExp][] = [
      [formFor(DEFAULT_POLICY_RULES, {}, { day: "30", month: "11", year: "2029" }), "effectiveFrom", /today or later/],
      [formFor(DEFAULT_POLICY_RULES, {}, { day: "31", month: "2", year: "2030" }), "effectiveFrom", /real date/],
      [formFor(DEFAULT_POLICY_RULES, { summary: "" }), "summary", /what changed/i],
      [formFor(DEFAULT_POLICY_RULES, { "m.PRACTICE_TO_PRACTICE.ROUTINE.delivery": "ten" }), "m.PRACTICE_TO_PRACTICE.ROUTINE.delivery", /enter a number/],
      [formFor(DEFAULT_POLICY_RULES, { "m.PRACTICE_TO_PRACTICE.ROUTINE.delivery": "0" }), "m.PRACTICE_TO_PRACTICE.ROUTINE.delivery", /between 1 and 250/],
      [formFor(DEFAULT_POLICY_RULES, { "kpis.onTimeDeliveryTargetPercent": "101" }), "kpis.onTimeDeliveryTargetPercent", /between 0 and 100/],
      [formFor(DEFAULT_POLICY_RULES, { "c.MISSING_RECORD.firstResponse": "9" }), "form", /first response cannot be due after the resolution/],
      [formFor(DEFAULT_POLICY_RULES), "form", /Nothing has changed/],
    ];
    for (const [form, field, message] of attempts) {
      const error = await createPolicyVersion(testDb, admin, form, now).catch((e) => e);
      expect(error).toBeInstanceOf(ValidationError);
      expect((error as ValidationError).fieldErrors[field]?.join(" ")).toMatch(message);
    }
    expect(await testDb.serviceLevelPolicy.count()).toBe(before);
  });

  it("a new version changes the due dates of movements sent from its date, and never of those sent before", async () => {
    const admin = await createUser(testDb, "ADMINISTRATOR");
    const sender = await createOrganisation(testDb);
    const receiver = await createOrganisation(testDb);
    const staff = await createUser(testDb, "PRACTICE_STAFF", { organisationId: sender.id });
    const send = (now: Date) => createMovement(testDb, staff, sendRecordForm({ fromOrganisationId: sender.id, destinationOdsCode: receiver.odsCode }), now);
    const sql = prismaSql(testDb);

    // The administrator makes a version on 1 December 2029, effective Wednesday 2 January 2030.
    const base = await policyRules(sql, await versionInForce(sql, "2029-12-01"));
    const created = await createPolicyVersion(
      testDb,
      admin,
      formFor(base, { "m.PRACTICE_TO_PRACTICE.ROUTINE.delivery": "10", "m.PRACTICE_TO_PRACTICE.ROUTINE.endToEnd": "30" }),
      new Date("2029-12-01T10:00:00Z"),
    );
    expect(created.changes).toBe(2);
    const audit = await testDb.auditEvent.findFirstOrThrow({ where: { action: "CREATE_SERVICE_LEVEL_POLICY", entityId: String(created.version) } });
    expect(audit.actorUserId).toBe(admin.id);
    expect(JSON.stringify(audit.details)).toContain("collected to delivered: 12 working days -> 10 working days");

    const holidays = bankHolidayDates("england-and-wales");
    const before = await send(new Date("2030-01-01T12:00:00Z"));
    const after = await send(new Date("2030-01-03T12:00:00Z"));
    const b = await testDb.recordMovement.findUniqueOrThrow({ where: { id: before.id } });
    const a = await testDb.recordMovement.findUniqueOrThrow({ where: { id: after.id } });
    expect(b.policyVersion).toBe(created.version - 1);
    expect(a.policyVersion).toBe(created.version);
    expect(iso(b.dueDate)).toBe(addWorkingDays("2030-01-01", movementTargets(base, "PRACTICE_TO_PRACTICE", "ROUTINE", null).endToEnd, holidays));
    expect(iso(a.dueDate)).toBe(addWorkingDays("2030-01-03", 30, holidays));

    // Re-deriving everything (as after a calendar change) keeps each on its own version.
    await rederiveRunningClocks(testTransactions, new Date("2030-01-04T12:00:00Z"));
    expect(iso((await testDb.recordMovement.findUniqueOrThrow({ where: { id: before.id } })).dueDate)).toBe(iso(b.dueDate));

    // What the admin pages show.
    const detail = await policyVersionDetail(testDb, admin, String(created.version), new Date("2029-12-01T10:00:00Z"));
    expect(detail.state).toBe("scheduled");
    expect(detail.changes.map((c) => c.label)).toEqual(["Practice to practice, routine: collected to delivered", "Practice to practice, routine: requested to receipt confirmed (due date)"]);
    const overview = await serviceLevelOverview(testDb, admin, new Date("2030-01-03T10:00:00Z"));
    expect(overview.inForce.version).toBe(created.version);
    expect(overview.history.find((v) => v.version === 1)!.state).toBe("superseded");
  });
});

describe("bank holidays", () => {
  it("an administrator adds a one-off bank holiday; new due dates skip it; bad input changes nothing", async () => {
    const admin = await createUser(testDb, "ADMINISTRATOR");
    const now = new Date("2031-05-01T10:00:00Z");
    const form = { divisions: ["england-and-wales"], holidayDay: "3", holidayMonth: "6", holidayYear: "2031", title: "Coronation of the King" };
    const count = await testDb.bankHoliday.count();
    for (const [bad, field] of [
      [{ ...form, divisions: [] }, "divisions"],
      [{ ...form, holidayDay: "31", holidayMonth: "5", holidayYear: "2031" }, "holidayDate"], // a Saturday
      [{ ...form, holidayDay: "1", holidayMonth: "4", holidayYear: "2031" }, "holidayDate"], // in the past
      [{ ...form, title: "<b>x</b>" }, "title"],
    ] as const) {
      const error = await addBankHoliday(testDb, admin, bad, now).catch((e) => e);
      expect(error).toBeInstanceOf(ValidationError);
      expect(Object.keys((error as ValidationError).fieldErrors)).toContain(field);
    }
    expect(await testDb.bankHoliday.count()).toBe(count);
    await expect(addBankHoliday(testDb, await createUser(testDb, "PCSE_SUPERVISOR"), form, now)).rejects.toBeInstanceOf(ForbiddenError);

    const sender = await createOrganisation(testDb);
    const receiver = await createOrganisation(testDb);
    const staff = await createUser(testDb, "PRACTICE_STAFF", { organisationId: sender.id });
    const sql = prismaSql(testDb);
    const target = movementTargets(await policyRules(sql, await versionInForce(sql, "2031-05-27")), "PRACTICE_TO_PRACTICE", "URGENT", null).endToEnd;
    const sendUrgent = async () => (await createMovement(testDb, staff, sendRecordForm({ fromOrganisationId: sender.id, destinationOdsCode: receiver.odsCode, priority: "URGENT" }), new Date("2031-05-27T09:00:00Z"))).id;
    const withoutHoliday = await sendUrgent();

    await addBankHoliday(testDb, admin, form, now);
    await expect(addBankHoliday(testDb, admin, form, now)).rejects.toMatchObject({ fieldErrors: { holidayDate: [expect.stringMatching(/already a bank holiday/)] } });
    const withHoliday = await sendUrgent();
    const holidays = bankHolidayDates("england-and-wales");
    const plain = addWorkingDays("2031-05-27", target, holidays);
    const skipping = addWorkingDays("2031-05-27", target, new Set([...holidays, "2031-06-03"]));
    expect(skipping).not.toBe(plain);
    expect(iso((await testDb.recordMovement.findUniqueOrThrow({ where: { id: withHoliday } })).dueDate)).toBe(skipping);
    // The movement sent before the holiday was known moves too once its running clocks are re-derived (the job the
    // admin page queues), because the holiday is in its future.
    await rederiveRunningClocks(testTransactions, new Date("2031-05-28T09:00:00Z"));
    expect(iso((await testDb.recordMovement.findUniqueOrThrow({ where: { id: withoutHoliday } })).dueDate)).toBe(skipping);

    const audit = await testDb.auditEvent.findFirstOrThrow({ where: { action: "ADD_BANK_HOLIDAY", actorUserId: admin.id } });
    expect(audit.entityId).toBe("2031-06-03");
    const overview = await calendarOverview(testDb, admin, new Date("2031-05-02T10:00:00Z"));
    const england = overview.divisions.find((d) => d.division === "england-and-wales")!;
    expect(england.upcoming.find((h) => h.date === "2031-06-03")).toMatchObject({ title: "Coronation of the King", addedBy: expect.any(String) });
    // Scotland's list from gov.uk ends in 2027: in 2031 the admin pages say so.
    expect(overview.divisions.find((d) => d.division === "scotland")!.warning).toMatch(/known only until 2027-12-31/);
  });
});
