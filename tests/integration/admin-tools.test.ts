// Issue 13, the administrator's tools: the audit trail (readable, filtered, paged, exported, an NHS-number look-up
// itself audited), users (create, disable at once, change role; never the last administrator, even in a race) and
// organisations (branch surgeries, closing, the ODS import's runs).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { encode } from "next-auth/jwt";
import { NextRequest } from "next/server";
import { listAuditEvents, exportAuditEvents } from "@/lib/audit/queries";
import { recordAuditEvent } from "@/lib/audit/record";
import { getMovement, listPracticeMovements } from "@/lib/movements/queries";
import { createMovement } from "@/lib/movements/commands";
import { raiseCase } from "@/lib/cases/commands";
import { changeUserRole, createUser as createAccount, setUserDisabled } from "@/lib/users/commands";
import { getUser, listUsers } from "@/lib/users/queries";
import { saveBranchSurgery, setOrganisationClosed } from "@/lib/organisations/commands";
import { listOrganisations, organisationDetail } from "@/lib/organisations/admin";
import { checkSession, startSession } from "@/lib/auth/sessions";
import { loadActor, type Actor } from "@/lib/auth/actor";
import { ValidationError } from "@/lib/errors";
import { formatNhsNumber } from "@/lib/nhs/nhs-number";
import { createOrganisation, createUser, nextNhsNumber, sendRecordForm } from "../fixtures/factories";
import { inRequestScope } from "../fixtures/next-request-scope";
import { testDb } from "./setup";

const SECRET = "integration-admin-tools-secret";
process.env.NEXTAUTH_SECRET = SECRET;
process.env.NEXTAUTH_URL ??= "http://localhost:3000";

describe("the audit trail", () => {
  let admin: Actor;
  let staff: Actor;
  let practice: Awaited<ReturnType<typeof createOrganisation>>;
  let reference: string;
  let nhsNumber: string;
  let patientId: string;

  beforeAll(async () => {
    practice = await createOrganisation(testDb, { name: "Audit Test Surgery" });
    const receiver = await createOrganisation(testDb);
    staff = await createUser(testDb, "PRACTICE_STAFF", { organisationId: practice.id });
    await testDb.user.update({ where: { id: staff.id }, data: { name: "Robin Auditworthy" } });
    admin = await createUser(testDb, "ADMINISTRATOR");
    nhsNumber = nextNhsNumber();
    reference = (await createMovement(testDb, staff, sendRecordForm({ nhsNumber, fromOrganisationId: practice.id, destinationOdsCode: receiver.odsCode }))).reference;
    patientId = (await testDb.patient.findUniqueOrThrow({ where: { nhsNumber } })).id;
    await getMovement(testDb, staff, reference);
    await listPracticeMovements(testDb, staff, "outgoing", { q: nhsNumber });
  });

  it("names people, organisations, actions and movements; patients as 'patient' on a movement, never an identifier", async () => {
    const page = await listAuditEvents(testDb, admin, { reference: reference.toLowerCase() });
    expect(page.rows.map((r) => r.action).sort()).toEqual(["CREATE_MOVEMENT", "VIEW_MOVEMENT"]);
    const view = page.rows.find((r) => r.action === "VIEW_MOVEMENT")!;
    expect(view).toMatchObject({ who: "Robin Auditworthy", role: "Practice staff", organisation: `Audit Test Surgery (${practice.odsCode})`, actionLabel: "Viewed a movement (patient details shown)", what: `Movement ${reference}`, movementReference: reference, patient: `Patient, on ${reference}` });
    expect(JSON.stringify(page.rows)).not.toContain(nhsNumber);
    expect(page.nhsNumber).toBeNull();
  });

  it("filters by NHS number (given, never from a URL), shows that number only then, and audits the look-up with the patient's id", async () => {
    const before = await testDb.auditEvent.count({ where: { action: "SEARCH_AUDIT", actorUserId: admin.id } });
    const page = await listAuditEvents(testDb, admin, {}, nhsNumber);
    // The send, the view, the list that showed the patient and the search by the number.
    expect(page.rows.map((r) => r.action).sort()).toEqual(["CREATE_MOVEMENT", "LIST_MOVEMENTS", "SEARCH_NHS_NUMBER", "VIEW_MOVEMENT"]);
    expect(page.nhsNumber).toBe(formatNhsNumber(nhsNumber));
    expect(page.rows.find((r) => r.action === "VIEW_MOVEMENT")!.patient).toBe(`NHS number ${formatNhsNumber(nhsNumber)}, on ${reference}`);
    const audit = await testDb.auditEvent.findMany({ where: { action: "SEARCH_AUDIT", actorUserId: admin.id }, orderBy: { id: "desc" } });
    expect(audit).toHaveLength(before + 1);
    expect(audit[0]).toMatchObject({ patientId, details: { matched: 4 } });
    expect(JSON.stringify({ ...audit[0], id: String(audit[0].id) })).not.toContain(nhsNumber);
  });

  it("an NHS number the portal does not hold finds the searches for it by their keyed hash, and is audited by hash", async () => {
    const unknown = nextNhsNumber();
    await listPracticeMovements(testDb, staff, "incoming", { q: unknown });
    const page = await listAuditEvents(testDb, admin, {}, unknown);
    expect(page.rows.map((r) => r.action)).toEqual(["SEARCH_NHS_NUMBER"]);
    expect(page.rows[0].patient).toBe(`NHS number ${formatNhsNumber(unknown)} (not known to the portal then)`);
    expect(page.notes[0]).toMatch(/holds no patient with that NHS number/);
    const [audit] = await testDb.auditEvent.findMany({ where: { action: "SEARCH_AUDIT", actorUserId: admin.id }, orderBy: { id: "desc" }, take: 1 });
    expect(audit.patientId).toBeNull();
    expect((audit.details as { searchedHash: string }).searchedHash).toMatch(/^[0-9a-f]{32}$/);
    // Not an NHS number at all: no filter, nothing audited.
    expect((await listAuditEvents(testDb, admin, {}, "1234567890")).nhsNumber).toBeNull();
  });

  it("filters by user, organisation, action and dates, pages, and says when a filter matches nobody", async () => {
    expect((await listAuditEvents(testDb, admin, { user: "auditworthy", action: "CREATE_MOVEMENT" })).rows.map((r) => r.movementReference)).toEqual([reference]);
    expect((await listAuditEvents(testDb, admin, { organisation: practice.odsCode.toLowerCase() })).total).toBeGreaterThanOrEqual(4);
    expect((await listAuditEvents(testDb, admin, { user: "auditworthy", from: "2099-01-01" })).total).toBe(0);
    expect((await listAuditEvents(testDb, admin, { user: "auditworthy", to: "2000-01-01" })).total).toBe(0);
    const today = new Date().toISOString().slice(0, 10);
    expect((await listAuditEvents(testDb, admin, { user: "auditworthy", from: "2000-01-01", to: "2099-12-31" })).total).toBe((await listAuditEvents(testDb, admin, { user: "auditworthy" })).total);
    expect(today).toMatch(/^\d{4}/);
    const none = await listAuditEvents(testDb, admin, { user: "nobody-has-this-name" });
    expect(none).toMatchObject({ total: 0, notes: ["No user's name or email contains \u201cnobody-has-this-name\u201d"] });
    // Bad values are dropped, never an error; digits that could be an NHS number are not a user filter.
    expect((await listAuditEvents(testDb, admin, { from: "2026-02-30", action: "NOT_AN_ACTION", user: "9434765919", page: "-3" })).filters).toEqual({ page: 1 });
  });

  it("exports the filtered events without NHS numbers; the export is audited", async () => {
    const { rows, total } = await exportAuditEvents(testDb, admin, { reference }, nhsNumber);
    expect(total).toBe(2);
    expect(rows.map((r) => r[6]).sort()).toEqual(["CREATE_MOVEMENT", "VIEW_MOVEMENT"]);
    expect(rows[0][9]).toBe(patientId);
    expect(JSON.stringify(rows)).not.toContain(nhsNumber);
    const [audit] = await testDb.auditEvent.findMany({ where: { action: "EXPORT_AUDIT", actorUserId: admin.id }, orderBy: { id: "desc" }, take: 1 });
    expect(audit).toMatchObject({ patientId, details: { rows: 2, byNhsNumber: true, filters: { reference } } });
  });

  it("the CSV escapes formulas (a name a spreadsheet would run)", async () => {
    const evil = await createUser(testDb, "PRACTICE_STAFF", { organisationId: practice.id });
    await testDb.user.update({ where: { id: evil.id }, data: { name: "=HYPERLINK(\"http://evil.example\")" } });
    await recordAuditEvent(testDb, { actor: evil, action: "SIGN_IN" });
    const sid = await startSession(testDb, admin.id);
    const cookie = `next-auth.session-token=${await encode({ token: { sub: admin.id, sid }, secret: SECRET })}`;
    const { GET } = await import("@/app/api/audit/export/route");
    const request = new NextRequest(`http://localhost:3000/api/audit/export?user=${encodeURIComponent("evil.example")}`, { headers: { cookie } });
    const response = await inRequestScope(request, () => GET(request));
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("text/csv; charset=utf-8");
    const csv = await response.text();
    expect(csv.split("\n")[0]).toBe("When (UTC),User,User email,Role,Organisation,Action,Action code,About,Movement,Patient id,Request id,Address");
    expect(csv).toContain(`"'=HYPERLINK(""http://evil.example"")"`);
  });

  it("a movement's reference finds the cases about it too, named by the case's own reference (not as a movement)", async () => {
    const receiver = await createOrganisation(testDb);
    const other = (await createMovement(testDb, staff, sendRecordForm({ fromOrganisationId: practice.id, destinationOdsCode: receiver.odsCode }))).reference;
    const opened = await raiseCase(testDb, staff, { kind: "LABEL_PROBLEM", reference: other, summary: "The label printed without its barcode" });
    const page = await listAuditEvents(testDb, admin, { reference: other });
    expect(page.rows.map((r) => r.action).sort()).toEqual(["CREATE_CASE", "CREATE_MOVEMENT"]);
    expect(page.rows.find((r) => r.action === "CREATE_CASE")).toMatchObject({ actionLabel: "Raised a case (or joined an open one)", what: `Case ${opened.reference}`, movementReference: null });
  });
});

describe("users", () => {
  let admin: Actor;
  let pcseOffice: Awaited<ReturnType<typeof createOrganisation>>;

  beforeAll(async () => {
    admin = await createUser(testDb, "ADMINISTRATOR");
    pcseOffice = await createOrganisation(testDb, { kind: "PCSE_OFFICE", regionCode: null });
  });

  it("creates PCSE and commissioner accounts, audited; refuses other roles, wrong places and a taken email", async () => {
    const email = `new.caseworker.${Date.now()}@nhs.test`;
    const { id } = await createAccount(testDb, admin, { name: "Nia Casework", email: email.toUpperCase(), role: "PCSE_CASEWORKER", organisationOdsCode: pcseOffice.odsCode });
    expect(await getUser(testDb, admin, id)).toMatchObject({ email, role: "PCSE_CASEWORKER", organisation: `${pcseOffice.name} (${pcseOffice.odsCode})`, signIn: "none", disabled: false });
    expect(await testDb.auditEvent.count({ where: { action: "CREATE_USER", entityId: id, actorUserId: admin.id } })).toBe(1);
    const regional = await createAccount(testDb, admin, { name: "Reg Ional", email: `regional.${Date.now()}@nhs.test`, role: "COMMISSIONER", regionCode: "y56" });
    expect((await getUser(testDb, admin, regional.id)).regionCode).toBe("Y56");
    const refused = (raw: Record<string, unknown>) => createAccount(testDb, admin, { name: "X", email: `x.${Math.random()}@nhs.test`, ...raw }).then(() => null, (e: ValidationError) => e.fieldErrors);
    expect(await refused({ role: "PRACTICE_STAFF" })).toHaveProperty("role");
    expect(await refused({ role: "PCSE_SUPERVISOR", organisationOdsCode: "XX9999" })).toEqual({ organisationOdsCode: ["No organisation has the ODS code XX9999"] });
    expect(await refused({ role: "PCSE_SUPERVISOR", organisationOdsCode: (await createOrganisation(testDb)).odsCode })).toEqual({ organisationOdsCode: ["A PCSE supervisor must belong to a PCSE office or store"] });
    expect(await refused({ role: "COMMISSIONER", regionCode: "Y99" })).toHaveProperty("regionCode");
    expect(await refused({ role: "COMMISSIONER", email })).toEqual({ email: ["A user with this email address already exists"] });
    expect((await listUsers(testDb, admin, { q: "nia casework" })).rows.map((r) => r.id)).toEqual([id]);
  });

  it("disabling ends the user's sessions at once; enabling lets them sign in again; both audited", async () => {
    const practice = await createOrganisation(testDb);
    const user = await createUser(testDb, "PRACTICE_STAFF", { organisationId: practice.id });
    const sid = await startSession(testDb, user.id);
    expect((await checkSession(testDb, user.id, sid)).live).toBe(true);
    await setUserDisabled(testDb, admin, { userId: user.id, disabled: "true" });
    expect((await checkSession(testDb, user.id, sid)).live).toBe(false);
    expect(await loadActor(testDb, user.id)).toBeNull();
    await setUserDisabled(testDb, admin, { userId: user.id, disabled: "false" });
    expect(await loadActor(testDb, user.id)).not.toBeNull();
    expect(await testDb.auditEvent.findMany({ where: { entityId: user.id, action: { in: ["DISABLE_USER", "ENABLE_USER"] } }, select: { action: true }, orderBy: { id: "asc" } })).toEqual([{ action: "DISABLE_USER" }, { action: "ENABLE_USER" }]);
    await expect(setUserDisabled(testDb, admin, { userId: admin.id, disabled: "true" })).rejects.toMatchObject({ fieldErrors: { disabled: ["You cannot disable yourself: ask another administrator"] } });
  });

  it("changes a role and organisation (effective on the next request), audited with before and after", async () => {
    const practice = await createOrganisation(testDb);
    const user = await createUser(testDb, "PRACTICE_STAFF", { organisationId: practice.id });
    await changeUserRole(testDb, admin, { userId: user.id, role: "PCSE_SUPERVISOR", organisationOdsCode: pcseOffice.odsCode });
    expect(await loadActor(testDb, user.id)).toMatchObject({ role: "PCSE_SUPERVISOR", organisationId: pcseOffice.id });
    const audit = await testDb.auditEvent.findFirstOrThrow({ where: { action: "UPDATE_USER", entityId: user.id } });
    expect(audit.details).toEqual({ from: { role: "PRACTICE_STAFF", placement: `${practice.name} (${practice.odsCode})` }, to: { role: "PCSE_SUPERVISOR", placement: `${pcseOffice.name} (${pcseOffice.odsCode})` } });
    await expect(changeUserRole(testDb, admin, { userId: user.id, role: "PRACTICE_MANAGER" })).rejects.toMatchObject({ fieldErrors: { organisationOdsCode: [expect.stringMatching(/practice or branch surgery/)] } });
    await expect(changeUserRole(testDb, admin, { userId: admin.id, role: "COMMISSIONER" })).rejects.toBeInstanceOf(ValidationError);
  });

  describe("the last administrator", () => {
    // Other tests' administrators share this database: they are set aside (disabled) for these tests and restored.
    let setAside: string[] = [];
    let a: Actor;
    let b: Actor;
    beforeAll(async () => {
      a = await createUser(testDb, "ADMINISTRATOR");
      b = await createUser(testDb, "ADMINISTRATOR");
      setAside = (await testDb.user.findMany({ where: { role: "ADMINISTRATOR", disabled: false, id: { notIn: [a.id, b.id] } }, select: { id: true } })).map((u) => u.id);
      await testDb.user.updateMany({ where: { id: { in: setAside } }, data: { disabled: true } });
    });
    afterAll(async () => {
      await testDb.user.updateMany({ where: { id: { in: setAside } }, data: { disabled: false } });
    });

    it("can be neither disabled nor given another role", async () => {
      await setUserDisabled(testDb, a, { userId: b.id, disabled: "true" });
      const last = "This is the last administrator who can sign in: make someone else an administrator first";
      // b's request was already under way: its actor is b, but the rule is about who would be left.
      await expect(setUserDisabled(testDb, b, { userId: a.id, disabled: "true" })).rejects.toMatchObject({ fieldErrors: { disabled: [last] } });
      await expect(changeUserRole(testDb, b, { userId: a.id, role: "COMMISSIONER" })).rejects.toMatchObject({ fieldErrors: { role: [last] } });
      expect((await getUser(testDb, a, a.id)).otherAdministrators).toBe(0);
      await setUserDisabled(testDb, a, { userId: b.id, disabled: "false" });
      expect((await getUser(testDb, a, a.id)).otherAdministrators).toBe(1);
    });

    it("not even when two administrators disable each other at the same moment", async () => {
      for (let round = 0; round < 5; round++) {
        await testDb.user.updateMany({ where: { id: { in: [a.id, b.id] } }, data: { disabled: false } });
        const results = await Promise.allSettled([setUserDisabled(testDb, a, { userId: b.id, disabled: "true" }), setUserDisabled(testDb, b, { userId: a.id, disabled: "true" })]);
        expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
        expect(await testDb.user.count({ where: { id: { in: [a.id, b.id] }, disabled: false } })).toBe(1);
      }
      await testDb.user.updateMany({ where: { id: { in: [a.id, b.id] } }, data: { disabled: false } });
      const results = await Promise.allSettled([changeUserRole(testDb, a, { userId: b.id, role: "COMMISSIONER" }), changeUserRole(testDb, b, { userId: a.id, role: "COMMISSIONER" })]);
      expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
      expect(await testDb.user.count({ where: { id: { in: [a.id, b.id] }, role: "ADMINISTRATOR" } })).toBe(1);
    });
  });
});

describe("organisations", () => {
  let admin: Actor;
  beforeAll(async () => {
    admin = await createUser(testDb, "ADMINISTRATOR");
  });

  it("adds a branch surgery to a practice (its nation, region and ICB from the practice), audited; its staff work for the practice", async () => {
    const practice = await createOrganisation(testDb, { regionCode: "Y60", name: "Branching Practice" });
    const code = `${practice.odsCode.slice(0, 7)}B1`;
    const saved = await saveBranchSurgery(testDb, admin, { odsCode: code.toLowerCase(), name: "Branching Practice (Hill branch)", address: "Hill Road\r\n\r\nUpton ", postcode: "ts232ln", parentOdsCode: practice.odsCode });
    expect(saved).toEqual({ odsCode: code, created: true });
    const branch = await testDb.organisation.findUniqueOrThrow({ where: { odsCode: code } });
    expect(branch).toMatchObject({ kind: "BRANCH_SURGERY", parentId: practice.id, country: "ENGLAND", regionCode: "Y60", addressLines: ["Hill Road", "Upton"], postcode: "TS23 2LN" });
    expect(await testDb.auditEvent.count({ where: { action: "CREATE_ORGANISATION", entityId: branch.id } })).toBe(1);
    const staff = await createUser(testDb, "PRACTICE_STAFF", { organisationId: branch.id });
    expect(staff.scopeOrganisationIds.sort()).toEqual([practice.id, branch.id].sort());
    const detail = await organisationDetail(testDb, admin, practice.odsCode);
    expect(detail.sites.map((s) => s.odsCode).sort()).toEqual([practice.odsCode, code].sort());
    expect(detail.users.map((u) => u.site)).toEqual([code]);
    // Corrected: a new name and postcode; the audit keeps before and after.
    await saveBranchSurgery(testDb, admin, { branchOdsCode: code, odsCode: code, name: "Hill Surgery", address: "Hill Road\nUpton", postcode: "TS23 2LP", parentOdsCode: practice.odsCode });
    expect(await testDb.organisation.findUniqueOrThrow({ where: { odsCode: code } })).toMatchObject({ name: "Hill Surgery", postcode: "TS23 2LP" });
    expect((await testDb.auditEvent.findFirstOrThrow({ where: { action: "UPDATE_ORGANISATION", entityId: branch.id } })).details).toMatchObject({ from: { name: "Branching Practice (Hill branch)" }, to: { name: "Hill Surgery" } });
    expect((await listOrganisations(testDb, admin, { q: "hill surgery" })).rows.map((r) => r.odsCode)).toEqual([code]);
  });

  it("refuses a taken code, a parent that is not a practice, a bad postcode, and a move to another nation", async () => {
    const practice = await createOrganisation(testDb);
    const wales = await createOrganisation(testDb, { country: "WALES", regionCode: null });
    const store = await testDb.organisation.findUniqueOrThrow({ where: { odsCode: "XPCSST" } });
    const form = { odsCode: `${practice.odsCode.slice(0, 7)}B2`, name: "B", address: "1 Road", postcode: "TS1 1AA", parentOdsCode: practice.odsCode };
    const refused = (raw: Record<string, unknown>) => saveBranchSurgery(testDb, admin, { ...form, ...raw }).then(() => null, (e: ValidationError) => e.fieldErrors);
    expect(await refused({ odsCode: practice.odsCode })).toEqual({ odsCode: ["Another organisation already has this code"] });
    expect(await refused({ parentOdsCode: store.odsCode })).toEqual({ parentOdsCode: ["Enter the ODS code of a GP practice"] });
    expect(await refused({ postcode: "NOT A POSTCODE" })).toEqual({ postcode: ["Enter a real postcode, like TS23 2LN"] });
    await saveBranchSurgery(testDb, admin, form);
    expect(await refused({ branchOdsCode: form.odsCode, parentOdsCode: wales.odsCode })).toEqual({ parentOdsCode: ["A branch surgery stays in its own nation: choose a practice there"] });
  });

  it("marks an organisation closed (no longer a destination) and open again, audited", async () => {
    const closing = await createOrganisation(testDb);
    const sender = await createOrganisation(testDb);
    const staff = await createUser(testDb, "PRACTICE_STAFF", { organisationId: sender.id });
    await setOrganisationClosed(testDb, admin, { odsCode: closing.odsCode, closed: "true" });
    await expect(createMovement(testDb, staff, sendRecordForm({ fromOrganisationId: sender.id, destinationOdsCode: closing.odsCode }))).rejects.toMatchObject({ fieldErrors: { destinationOdsCode: [expect.stringMatching(/closed/)] } });
    await setOrganisationClosed(testDb, admin, { odsCode: closing.odsCode, closed: "false" });
    await createMovement(testDb, staff, sendRecordForm({ fromOrganisationId: sender.id, destinationOdsCode: closing.odsCode }));
    expect((await organisationDetail(testDb, admin, closing.odsCode)).openIncoming).toBe(1);
    expect((await testDb.auditEvent.findMany({ where: { entityId: closing.id }, select: { action: true }, orderBy: { id: "asc" } })).map((a) => a.action)).toEqual(["CLOSE_ORGANISATION", "REOPEN_ORGANISATION"]);
  });
});
