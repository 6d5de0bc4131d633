// Issue 13: confirming many incoming records at once from the incoming list, each under the lifecycle's receipt rule,
// with what was confirmed, what was already received, and what was refused and why.
import { describe, expect, it } from "vitest";
import { receiveMovements } from "@/lib/receipt/commands";
import { ingestCourierEvents } from "@/lib/tracking/ingest";
import { ValidationError } from "@/lib/errors";
import { createMovement } from "@/lib/movements/commands";
import { createOrganisation, createUser, sendRecordForm } from "../fixtures/factories";
import { labelledMovements } from "../fixtures/labelled";
import { testDb, testTransactions } from "./setup";

describe("confirming many records at once", () => {
  it("confirms those the courier brought, says which were already received, refuses the rest with the reason", async () => {
    const { references, barcodes, receiverStaff, sender, staff } = await labelledMovements(testDb, 4);
    const [delivered, inTransit, atSender, received] = references;
    await ingestCourierEvents(testTransactions, [
      { eventId: `bulk-${delivered}`, barcode: barcodes[0], type: "DELIVERED", occurredAt: new Date(Date.now() - 60_000) },
      { eventId: `bulk-${inTransit}`, barcode: barcodes[1], type: "ARRIVED_AT_HUB", occurredAt: new Date(Date.now() - 60_000) },
      { eventId: `bulk-${received}`, barcode: barcodes[3], type: "DELIVERED", occurredAt: new Date(Date.now() - 60_000) },
    ]);
    await receiveMovements(testDb, receiverStaff, [received]);
    // Another practice's movement is "not found", like one that does not exist.
    const elsewhere = await createOrganisation(testDb);
    const foreign = (await createMovement(testDb, staff, sendRecordForm({ fromOrganisationId: sender.id, destinationOdsCode: elsewhere.odsCode }))).reference;

    const result = await receiveMovements(testDb, receiverStaff, [delivered, inTransit.toLowerCase(), atSender, received, foreign, "RM-2222-2222", "not a reference", delivered]);
    expect(result.received.map((r) => r.reference)).toEqual([delivered, inTransit]);
    expect(result.received[0].patientName).toBe("LOVELACE, Ada");
    expect(result.already).toEqual([received]);
    expect(result.refused).toEqual([
      { reference: atSender, reason: expect.stringMatching(/^The courier has not collected this record yet/) },
      { reference: foreign, reason: "not found among the records coming to your practice" },
      { reference: "RM-2222-2222", reason: "not found among the records coming to your practice" },
      { reference: "not a reference", reason: "not a movement reference" },
    ]);
    const statuses = await testDb.recordMovement.findMany({ where: { reference: { in: references } }, select: { reference: true, status: true }, orderBy: { reference: "asc" } });
    expect(Object.fromEntries(statuses.map((s) => [s.reference, s.status]))).toMatchObject({ [delivered]: "RECEIVED", [inTransit]: "RECEIVED", [atSender]: "LABELLED", [received]: "RECEIVED" });
    // Each receipt audited on its own, as a scan is.
    const ids = (await testDb.recordMovement.findMany({ where: { reference: { in: [delivered, inTransit] } }, select: { id: true } })).map((m) => m.id);
    expect(await testDb.auditEvent.count({ where: { action: "RECEIVE_MOVEMENT", entityId: { in: ids } } })).toBe(2);
  });

  it("refuses an empty selection with words for the page, and the sender's own staff", async () => {
    const { references, staff, receiverStaff } = await labelledMovements(testDb, 1);
    await expect(receiveMovements(testDb, receiverStaff, [])).rejects.toMatchObject({ fieldErrors: { references: ["Select the records that have arrived"] } });
    await expect(receiveMovements(testDb, receiverStaff, "RM-2222-2222")).rejects.toBeInstanceOf(ValidationError);
    expect((await receiveMovements(testDb, staff, references)).refused).toEqual([{ reference: references[0], reason: "not found among the records coming to your practice" }]);
    expect((await receiveMovements(testDb, await createUser(testDb, "PRACTICE_MANAGER", { organisationId: (await createOrganisation(testDb)).id }), references)).received).toEqual([]);
  });
});
