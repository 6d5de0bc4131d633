// Urgent requests (statutory and internal dates from the policy, the holder's answer, reminders and the breach case
// from the sweep) and email (the outbox; GOV.UK Notify through the real notifications-node-client against a local
// Notify-compatible server that checks the client's signed token; retries and failure), on a real PostgreSQL.
import http from "node:http";
import { createHmac } from "node:crypto";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createUrgentRequest, respondToUrgentRequest } from "@/lib/urgent/commands";
import { getUrgentRequest, listPcseUrgentRequests, listPracticeUrgentRequests, urgentRequestsWaiting } from "@/lib/urgent/queries";
import { sweepCases } from "@/lib/cases/sweep";
import { notifySender, sendPendingNotifications, MAX_ATTEMPTS } from "@/lib/notifications/send";
import { queueNotification } from "@/lib/notifications/outbox";
import { listOutbox } from "@/lib/notifications/queries";
import { ForbiddenError, NotFoundError, ValidationError } from "@/lib/errors";
import { addWorkingDays } from "@/lib/nhs/working-days";
import { bankHolidayDates } from "@/lib/reference/files";
import { createOrganisation, createUser, nextNhsNumber } from "../fixtures/factories";
import { testDb, testPool } from "./setup";

const holidays = bankHolidayDates("england-and-wales");

async function refusal(promise: Promise<unknown>): Promise<unknown> {
  return promise.then(() => null, (e: unknown) => e);
}
function messages(error: unknown): string {
  return error instanceof ValidationError ? Object.values(error.fieldErrors).flat().join(" | ") : String(error);
}

async function practices() {
  const requester = await createOrganisation(testDb);
  const holder = await createOrganisation(testDb);
  const requesterStaff = await createUser(testDb, "PRACTICE_STAFF", { organisationId: requester.id });
  const holderStaff = await createUser(testDb, "PRACTICE_MANAGER", { organisationId: holder.id });
  const caseworker = await createUser(testDb, "PCSE_CASEWORKER");
  return { requester, holder, requesterStaff, holderStaff, caseworker };
}

function form(overrides: Record<string, unknown>) {
  return { nhsNumber: nextNhsNumber(), familyName: "Seacole", givenName: "Mary", dateOfBirth: "1950-11-23", basis: "CLINICAL_NEED", receivedOn: "2026-02-02", holder: "PRACTICE", note: "", ...overrides };
}

describe("an urgent request's dates come from the policy's rules", () => {
  it("subject access: one calendar month (31 January → 28 February, a Saturday → Monday 2 March), the internal target 5 working days before", async () => {
    const p = await practices();
    const now = new Date("2026-02-02T10:00:00Z");
    const { reference } = await createUrgentRequest(testDb, p.requesterStaff, form({ basis: "SUBJECT_ACCESS_REQUEST", receivedOn: "2026-01-31", holderOdsCode: p.holder.odsCode }), now);
    const r = await testDb.urgentRequest.findUniqueOrThrow({ where: { reference } });
    expect(reference).toMatch(/^UR-[2-9A-HJKMNP-TV-Z]{4}-[2-9A-HJKMNP-TV-Z]{4}$/);
    expect(r.statutoryDueDate?.toISOString().slice(0, 10)).toBe("2026-03-02");
    expect(r.internalTargetDate.toISOString().slice(0, 10)).toBe("2026-02-23");
    expect(r.policyVersion).toBe(1);
    // Extended by two months when the requester was told.
    const extended = await createUrgentRequest(testDb, p.requesterStaff, form({ basis: "SUBJECT_ACCESS_REQUEST", receivedOn: "2026-01-31", extended: "on", holderOdsCode: p.holder.odsCode }), now);
    expect((await testDb.urgentRequest.findUniqueOrThrow({ where: { reference: extended.reference } })).statutoryDueDate?.toISOString().slice(0, 10)).toBe("2026-04-30");
  });

  it("Access to Health Records Act: 40 days, or 21 when every entry is recent; a coroner's or court's own date; clinical need: the internal target only", async () => {
    const p = await practices();
    const now = new Date("2026-03-02T10:00:00Z");
    const ahra = await createUrgentRequest(testDb, p.requesterStaff, form({ basis: "ACCESS_TO_HEALTH_RECORDS", receivedOn: "2026-03-02", holderOdsCode: p.holder.odsCode }), now);
    const recent = await createUrgentRequest(testDb, p.requesterStaff, form({ basis: "ACCESS_TO_HEALTH_RECORDS", receivedOn: "2026-03-02", recentEntriesOnly: "on", holderOdsCode: p.holder.odsCode }), now);
    const coroner = await createUrgentRequest(testDb, p.requesterStaff, form({ basis: "CORONER", receivedOn: "2026-03-02", dateGiven: "2026-03-20", holderOdsCode: p.holder.odsCode }), now);
    const court = await createUrgentRequest(testDb, p.requesterStaff, form({ basis: "COURT", receivedOn: "2026-03-02", dateGiven: "2026-03-04", holderOdsCode: p.holder.odsCode }), now);
    const clinical = await createUrgentRequest(testDb, p.requesterStaff, form({ basis: "CLINICAL_NEED", receivedOn: "2026-03-02", holderOdsCode: p.holder.odsCode }), now);
    const dates = async (reference: string) => {
      const r = await testDb.urgentRequest.findUniqueOrThrow({ where: { reference } });
      return [r.statutoryDueDate?.toISOString().slice(0, 10) ?? null, r.internalTargetDate.toISOString().slice(0, 10)];
    };
    expect(await dates(ahra.reference)).toEqual(["2026-04-11", "2026-04-02"]); // 5 working days before Saturday 11 April, over Easter (3 and 6 April)
    expect(await dates(recent.reference)).toEqual(["2026-03-23", "2026-03-16"]);
    expect(await dates(coroner.reference)).toEqual(["2026-03-20", "2026-03-13"]);
    // A court date too near for the review days: the target is today, never before.
    expect(await dates(court.reference)).toEqual(["2026-03-04", "2026-03-02"]);
    expect(await dates(clinical.reference)).toEqual([null, addWorkingDays("2026-03-02", 3, holidays)]);
  });

  it("refuses bad input with a message, writes nothing, and audits the refusal without the NHS number", async () => {
    const p = await practices();
    const now = new Date("2026-03-02T10:00:00Z");
    const before = await testDb.urgentRequest.count();
    const cases: [Record<string, unknown>, RegExp][] = [
      [{ basis: "CORONER", holderOdsCode: p.holder.odsCode }, /coroner's notice gives/],
      [{ basis: "COURT", dateGiven: "2026-02-01", receivedOn: "2026-03-01", holderOdsCode: p.holder.odsCode }, /on or after the day the request was received/],
      [{ holderOdsCode: p.requester.odsCode }, /your own practice/],
      [{ holderOdsCode: "ZZ99999" }, /No GP practice has that ODS code/],
      [{ holder: "PRACTICE" }, /Enter the ODS code/],
      [{ receivedOn: "2026-03-09", holderOdsCode: p.holder.odsCode }, /today or in the past/],
      [{ nhsNumber: "9434765918", holderOdsCode: p.holder.odsCode }, /check digit/],
      [{ familyName: "<b>", holderOdsCode: p.holder.odsCode }, /must not contain/],
      [{ dateOfBirth: "2026-02-30", holderOdsCode: p.holder.odsCode }, /real date/],
    ];
    for (const [overrides, message] of cases) {
      const error = await refusal(createUrgentRequest(testDb, p.requesterStaff, form(overrides), now));
      expect(error, JSON.stringify(overrides)).toBeInstanceOf(ValidationError);
      expect(messages(error)).toMatch(message);
    }
    expect(await testDb.urgentRequest.count()).toBe(before);
    const audits = await testDb.auditEvent.findMany({ where: { actorUserId: p.requesterStaff.id, action: "CREATE_URGENT_REQUEST" } });
    expect(audits).toHaveLength(cases.length);
    expect(audits.every((a) => (a.details as { refused?: unknown }).refused)).toBe(true);
    expect(await refusal(createUrgentRequest(testDb, p.caseworker, form({ holderOdsCode: p.holder.odsCode }), now))).toBeInstanceOf(ForbiddenError);
  });
});

describe("the holder answers", () => {
  it("the holder's overview lists the five nearest targets of those waiting and counts them all", async () => {
    const p = await practices();
    const made: string[] = [];
    // Received on seven different working days, latest first: the targets differ, earliest for the last made.
    for (const day of ["2026-02-10", "2026-02-09", "2026-02-06", "2026-02-05", "2026-02-04", "2026-02-03", "2026-02-02"]) {
      made.push((await createUrgentRequest(testDb, p.requesterStaff, form({ holderOdsCode: p.holder.odsCode, receivedOn: day }), new Date(`${day}T10:00:00Z`))).reference);
    }
    const now = new Date("2026-02-11T10:00:00Z");
    const waiting = await urgentRequestsWaiting(testDb, p.holderStaff, 5, now);
    expect(waiting.total).toBe(7);
    // Nearest target first: the last made (received earliest) first.
    expect(waiting.rows.map((r) => r.reference)).toEqual([...made].reverse().slice(0, 5));
    expect(new Set(waiting.rows.map((r) => r.internalTargetDate)).size).toBe(5);
  });

  it("sees the request with its countdown, acknowledges, sends an urgent movement; the requester may cancel only before it is sent", async () => {
    const p = await practices();
    const now = new Date("2026-03-02T10:00:00Z");
    const { reference } = await createUrgentRequest(testDb, p.requesterStaff, form({ holderOdsCode: p.holder.odsCode }), now);
    // The holder hears of it.
    expect(await testDb.notification.count({ where: { template: "URGENT_REQUEST_RECEIVED", toEmail: p.holderStaff.email } })).toBe(1);
    const lists = await listPracticeUrgentRequests(testDb, p.holderStaff, {}, now);
    expect(lists.toAnswer.map((r) => [r.reference, r.countdown.workingDaysLeft, r.countdown.state])).toEqual([[reference, 3, "on-track"]]);
    expect((await listPracticeUrgentRequests(testDb, p.requesterStaff, {}, now)).made.map((r) => r.reference)).toEqual([reference]);
    // The holder's overview shows it as waiting, with the same countdown; the requester's does not.
    expect(await urgentRequestsWaiting(testDb, p.holderStaff, 5, now)).toEqual({ total: 1, rows: [{ reference, requester: expect.stringContaining(p.requester.odsCode), internalTargetDate: lists.toAnswer[0].internalTargetDate, countdown: lists.toAnswer[0].countdown }] });
    expect(await urgentRequestsWaiting(testDb, p.requesterStaff, 5, now)).toEqual({ total: 0, rows: [] });

    // Only the holder answers; only the requester cancels; others cannot see it.
    expect(messages(await refusal(respondToUrgentRequest(testDb, p.requesterStaff, { action: "acknowledge", reference }, now)))).toMatch(/Only the holder/);
    expect(messages(await refusal(respondToUrgentRequest(testDb, p.holderStaff, { action: "cancel", reference, note: "no" }, now)))).toMatch(/Only the practice that made the request/);
    const stranger = await createUser(testDb, "PRACTICE_STAFF", { organisationId: (await createOrganisation(testDb)).id });
    expect(await refusal(getUrgentRequest(testDb, stranger, reference, now))).toBeInstanceOf(NotFoundError);
    expect(await refusal(respondToUrgentRequest(testDb, stranger, { action: "acknowledge", reference }, now))).toBeInstanceOf(NotFoundError);

    await respondToUrgentRequest(testDb, p.holderStaff, { action: "acknowledge", reference, note: "" }, now);
    const seen = await getUrgentRequest(testDb, p.holderStaff, reference, now);
    expect(seen).toMatchObject({ status: "ACKNOWLEDGED", canSend: true, canAcknowledge: false, canCancel: false, patientName: "SEACOLE, Mary" });
    expect((await urgentRequestsWaiting(testDb, p.holderStaff, 5, now)).total).toBe(1);
    expect(await testDb.auditEvent.count({ where: { action: "VIEW_URGENT_REQUEST", actorUserId: p.holderStaff.id } })).toBe(1);

    const sent = await respondToUrgentRequest(testDb, p.holderStaff, { action: "send", reference, bagCount: "2", note: "" }, new Date("2026-03-03T09:00:00Z"));
    const movement = await testDb.recordMovement.findUniqueOrThrow({ where: { reference: sent.movementReference! } });
    expect(movement).toMatchObject({ type: "URGENT_REQUEST", reason: "CLINICAL_NEED", priority: "URGENT", fromOrganisationId: p.holder.id, toOrganisationId: p.requester.id, bagCount: 2 });
    // The movement runs on the policy's urgent end-to-end target (5 working days); the request keeps its own target.
    expect(movement.dueDate.toISOString().slice(0, 10)).toBe(addWorkingDays("2026-03-03", 5, holidays));
    expect((await testDb.urgentRequest.findUniqueOrThrow({ where: { reference } })).status).toBe("SENT");
    expect(await urgentRequestsWaiting(testDb, p.holderStaff, 5, now)).toEqual({ total: 0, rows: [] });
    expect(messages(await refusal(respondToUrgentRequest(testDb, p.requesterStaff, { action: "cancel", reference, note: "Not needed" }, now)))).toMatch(/already been sent/);
    expect(messages(await refusal(respondToUrgentRequest(testDb, p.holderStaff, { action: "send", reference, bagCount: "1" }, now)))).toMatch(/already been answered/);

    // A second request, cancelled by the requester before the holder answers.
    const second = await createUrgentRequest(testDb, p.requesterStaff, form({ holderOdsCode: p.holder.odsCode }), now);
    await respondToUrgentRequest(testDb, p.requesterStaff, { action: "cancel", reference: second.reference, note: "The patient brought a copy" }, now);
    expect(messages(await refusal(respondToUrgentRequest(testDb, p.holderStaff, { action: "acknowledge", reference: second.reference }, now)))).toMatch(/cancelled/);
  });

  it("a request held by PCSE's store is answered by PCSE, not by a practice", async () => {
    const p = await practices();
    const now = new Date("2026-03-02T10:00:00Z");
    const { reference } = await createUrgentRequest(testDb, p.requesterStaff, form({ holder: "STORE" }), now);
    expect((await listPcseUrgentRequests(testDb, p.caseworker, now)).store.map((r) => r.reference)).toContain(reference);
    const sent = await respondToUrgentRequest(testDb, p.caseworker, { action: "send", reference, bagCount: "1" }, now);
    const movement = await testDb.recordMovement.findUniqueOrThrow({ where: { reference: sent.movementReference! }, include: { fromOrganisation: true } });
    expect(movement.fromOrganisation.kind).toBe("PCSE_STORE");
  });

  it("the sweep reminds the holder at 50% and 75% of the way to the target, once each, and opens a chase case after it", async () => {
    const p = await practices();
    const created = new Date("2026-05-11T09:00:00Z"); // Monday; clinical need: target Thursday 14 May (3 working days)
    const { reference } = await createUrgentRequest(testDb, p.requesterStaff, form({ receivedOn: "2026-05-11", holderOdsCode: p.holder.odsCode }), created);
    const reminders = () => testDb.notification.count({ where: { template: "URGENT_REQUEST_REMINDER", toEmail: p.holderStaff.email } });
    await sweepCases(testDb, new Date("2026-05-11T12:00:00Z"));
    expect(await reminders()).toBe(0);
    await sweepCases(testDb, new Date("2026-05-13T06:00:00Z")); // past half of 09:00 Mon → 23:59 Thu
    expect(await reminders()).toBe(1);
    await sweepCases(testDb, new Date("2026-05-13T07:00:00Z"));
    expect(await reminders()).toBe(1);
    await sweepCases(testDb, new Date("2026-05-14T06:00:00Z"));
    expect(await reminders()).toBe(2);
    await sweepCases(testDb, new Date("2026-05-14T20:00:00Z"));
    expect(await testDb.case.count({ where: { urgentRequest: { reference } } })).toBe(0);
    await sweepCases(testDb, new Date("2026-05-15T08:00:00Z"));
    const r = await testDb.urgentRequest.findUniqueOrThrow({ where: { reference }, include: { cases: true } });
    expect(r.breachedAt).not.toBeNull();
    expect(r.cases.map((c) => [c.kind, c.origin])).toEqual([["URGENT_REQUEST_CHASE", "CLOCK_SWEEP"]]);
    await sweepCases(testDb, new Date("2026-05-15T09:00:00Z"));
    expect(await testDb.case.count({ where: { urgentRequestId: r.id } })).toBe(1);
  });
});

describe("email", () => {
  let server: http.Server;
  let baseUrl: string;
  const received: { token: string; body: Record<string, unknown> }[] = [];
  let failNext = 0;
  // A Notify API key: name, service id, secret (the client signs a JWT with the secret, issued by the service id).
  const serviceId = "4e7a1d2c-0b5f-4c4e-9a35-0d1f2b3c4d5e";
  const secret = "9f8e7d6c-5b4a-4321-8fed-cba987654321";
  const apiKey = `portal_test-${serviceId}-${secret}`;

  function verifyToken(token: string): boolean {
    const [header, payload, signature] = token.split(".");
    const expected = createHmac("sha256", secret).update(`${header}.${payload}`).digest("base64url");
    const claims = JSON.parse(Buffer.from(payload, "base64url").toString("utf8")) as { iss?: string; iat?: number };
    return signature === expected && claims.iss === serviceId && typeof claims.iat === "number";
  }

  beforeAll(async () => {
    server = http.createServer((req, res) => {
      let raw = "";
      req.on("data", (c: Buffer) => (raw += c.toString("utf8")));
      req.on("end", () => {
        const token = (req.headers.authorization ?? "").replace(/^Bearer /, "");
        if (!verifyToken(token)) {
          res.writeHead(403, { "content-type": "application/json" }).end(JSON.stringify({ status_code: 403, errors: [{ error: "AuthError", message: "Invalid token" }] }));
          return;
        }
        if (failNext > 0) {
          failNext--;
          res.writeHead(400, { "content-type": "application/json" }).end(JSON.stringify({ status_code: 400, errors: [{ error: "BadRequestError", message: "Can't send to this recipient using a team-only API key" }] }));
          return;
        }
        const body = JSON.parse(raw) as Record<string, unknown>;
        received.push({ token, body });
        res.writeHead(201, { "content-type": "application/json" }).end(JSON.stringify({ id: `notify-${received.length}`, reference: body.reference }));
      });
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  async function queue(to: { organisationId: string }, now: Date) {
    await testDb.$transaction((tx) => queueNotification(tx, { template: "CASE_RESOLVED", reference: "CS-7Q4K-2M9D", path: "/practice/cases/CS-7Q4K-2M9D", organisationIds: [to.organisationId], now }));
    return testDb.notification.findMany({ where: { organisationId: to.organisationId }, orderBy: { createdAt: "asc" } });
  }

  it("with no Notify key, a message stays in the outbox (LOGGED), readable by an administrator only", async () => {
    const practice = await createOrganisation(testDb);
    await createUser(testDb, "PRACTICE_STAFF", { organisationId: practice.id });
    const now = new Date("2027-01-04T09:00:00Z");
    const [n] = await queue({ organisationId: practice.id }, now);
    expect(notifySender({})).toBeNull();
    await sendPendingNotifications(testPool, now, null);
    expect((await testDb.notification.findUniqueOrThrow({ where: { id: n.id } })).status).toBe("LOGGED");
    const admin = await createUser(testDb, "ADMINISTRATOR");
    const outbox = await listOutbox(testDb, admin, { status: "LOGGED" });
    expect(outbox.rows.some((r) => r.id === n.id)).toBe(true);
    expect(n.body).toContain("http");
    expect(n.body).toContain("CS-7Q4K-2M9D");
    await expect(listOutbox(testDb, await createUser(testDb, "PCSE_SUPERVISOR"), {})).rejects.toBeInstanceOf(ForbiddenError);
  });

  it("through GOV.UK Notify: the real client, a signed token, the template's personalisation; a failure retried with growing waits, then FAILED", async () => {
    const practice = await createOrganisation(testDb);
    const staff = await createUser(testDb, "PRACTICE_STAFF", { organisationId: practice.id });
    const now = new Date("2027-01-05T09:00:00Z");
    const [n] = await queue({ organisationId: practice.id }, now);
    const sender = notifySender({ NOTIFY_API_KEY: apiKey, NOTIFY_TEMPLATE_ID: "f33517ff-2a88-4f6e-b855-c550268ce08a", NOTIFY_BASE_URL: baseUrl })!;
    const result = await sendPendingNotifications(testPool, now, sender);
    expect(result.sent).toBeGreaterThanOrEqual(1);
    const sent = await testDb.notification.findUniqueOrThrow({ where: { id: n.id } });
    expect(sent.status).toBe("SENT");
    expect(sent.providerId).toMatch(/^notify-/);
    const request = received.find((r) => r.body.reference === n.id)!;
    expect(request.body).toMatchObject({ email_address: staff.email, template_id: "f33517ff-2a88-4f6e-b855-c550268ce08a", personalisation: { subject: n.subject, body: n.body } });

    // A refusal from Notify: retried after 1, 2, 4, 8 minutes with Notify's own words kept, then failed.
    const later = new Date("2027-01-06T09:00:00Z");
    const [, m] = await queue({ organisationId: practice.id }, later);
    failNext = MAX_ATTEMPTS;
    let at = later;
    for (let attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
      await sendPendingNotifications(testPool, at, sender);
      const row = await testDb.notification.findUniqueOrThrow({ where: { id: m.id } });
      expect(row.attempts).toBe(attempt);
      expect(row.lastError).toContain("Can't send to this recipient");
      if (attempt < MAX_ATTEMPTS) {
        expect(row.status).toBe("PENDING");
        expect(row.nextAttemptAt.getTime() - at.getTime()).toBe(60_000 * 2 ** (attempt - 1));
        // Not retried before its time.
        await sendPendingNotifications(testPool, new Date(row.nextAttemptAt.getTime() - 1000), sender);
        expect((await testDb.notification.findUniqueOrThrow({ where: { id: m.id } })).attempts).toBe(attempt);
        at = row.nextAttemptAt;
      } else {
        expect(row.status).toBe("FAILED");
      }
    }
  });

  it("two workers sending at once send each message once", async () => {
    const practice = await createOrganisation(testDb);
    for (let i = 0; i < 5; i++) await createUser(testDb, "PRACTICE_STAFF", { organisationId: practice.id });
    const now = new Date("2027-01-07T09:00:00Z");
    const queued = await queue({ organisationId: practice.id }, now);
    const sender = notifySender({ NOTIFY_API_KEY: apiKey, NOTIFY_TEMPLATE_ID: "f33517ff-2a88-4f6e-b855-c550268ce08a", NOTIFY_BASE_URL: baseUrl })!;
    const before = received.length;
    await Promise.all([sendPendingNotifications(testPool, now, sender, 2), sendPendingNotifications(testPool, now, sender, 2)]);
    const ids = received.slice(before).map((r) => r.body.reference);
    expect(ids.filter((id) => queued.some((q) => q.id === id)).sort()).toEqual(queued.map((q) => q.id).sort());
    expect(new Set(ids).size).toBe(ids.length);
  });

  it("no message the portal queued holds an NHS number of the database", async () => {
    const numbers = (await testDb.patient.findMany({ select: { nhsNumber: true } })).map((p) => p.nhsNumber);
    const all = await testDb.notification.findMany({ select: { subject: true, body: true, personalisation: true } });
    expect(all.length).toBeGreaterThan(0);
    const text = JSON.stringify(all).replace(/\s/g, "");
    expect(numbers.filter((n) => text.includes(n))).toEqual([]);
  });
});
