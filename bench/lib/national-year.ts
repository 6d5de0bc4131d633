// A national year of records movements for `npm run bench:dashboards`, made in Node and stored as the portal would
// have stored it. Each movement gets the tracking events of its journey (created, labelled, ready, collected, hub
// arrival and departure, out for delivery, delivered, received, as far as it got by `now`; some cancelled, no paper
// record, returned to sender, marked missing, held, failed a delivery, had a courier exception or a missed scan), and
// its stored columns come from the portal's own pure derivations, with the facts built exactly as the refresh builds
// them (lib/tracking/refresh.ts, refreshLockedMovements): deriveStatus, deriveAttention, deriveMovementClocks under the
// policy version's targets, the sender's and receiver's bank-holiday calendars and the hold pauses. What the refresh
// writes at the moment an event arrives (statusChangedAt, an attention entry's `since`) is the arrival time of the
// event that changed it: each movement's events are replayed in arrival order. Rows come out as COPY text, one slice
// of creation time at a time (bench/dashboards.ts streams them into PostgreSQL while the next slice is made).
//
// Ids are time-ordered (UUID version 7 layout: creation time, then a counter), so every primary key is appended to
// rather than written at random: the load's cost per row is then the same at 5 million movements as at 50,000.
import type { AttentionReason, Country, MovementClockKind, MovementReason, MovementStatus, MovementType, OrganisationKind, Priority, StaffGrade, TrackingEventType, TrackingSource } from "@/lib/db/generated/enums";
import { compareEvents, deriveStatus } from "@/lib/tracking/status";
import { deriveAttention, type AttentionEvent } from "@/lib/tracking/attention";
import { deriveMovementClocks, type ClockFacts, type MovementClocks } from "@/lib/tracking/clocks";
import { crossBorderCountryOf, movementTargets, type MovementTargets, type PolicyRules } from "@/lib/service-levels/policy";
import { addCalendarDays, divisionFor, type Calendar, type Division } from "@/lib/clocks/calendar";
import { londonDate, londonMidnight } from "@/lib/nhs/working-days";
import { accountableRegion } from "@/lib/movements/rules";
import { labelBarcode } from "@/lib/labels/barcode";
import { benchReference } from "./references";
import { seededRandom } from "@/lib/demo/random";
import { costPence, rateInForce, type RateRow } from "@/lib/workload/costs";
import { TASKS, picker, type BenchTask } from "./workload-tasks";

export type Org = { id: string; odsCode: string; kind: OrganisationKind; country: Country; regionCode: string | null; icbCode: string | null };

export type YearSetup = {
  now: Date;
  movements: number;
  /** English practices open now, and each one's registered patients (the weight it sends and receives with). */
  practices: readonly Org[];
  weights: readonly number[];
  store: Org;
  agencies: readonly Org[];
  policyVersion: number;
  rules: PolicyRules;
  calendars: Record<Division, Calendar>;
  /** The national default grade rates (organisationId null), as lib/workload/costs.ts reads them. */
  rates: readonly RateRow[];
  seed: number;
  /** Share of practices that log their workload in the portal. */
  loggingShare?: number;
};

/** COPY text of one slice, per table (columns as in COPY_COLUMNS). */
export type SliceRows = Record<CopyTable, Buffer>;

/**
 * Rows written straight into a growing buffer as they are made: each row's string dies young, so the garbage
 * collector never traces (or promotes) a slice's worth of strings. (Kept in arrays and joined, the strings of a
 * slice outlived the young generation and garbage collection took half of Node's time.)
 */
class RowBuffer {
  private buf: Buffer;
  length = 0;
  rows = 0;
  constructor(bytes: number) {
    this.buf = Buffer.allocUnsafe(Math.max(1024, bytes));
  }
  push(row: string) {
    if (this.length + row.length > this.buf.length) {
      const bigger = Buffer.allocUnsafe(Math.max(this.buf.length * 2, this.length + row.length));
      this.buf.copy(bigger, 0, 0, this.length);
      this.buf = bigger;
    }
    this.length += this.buf.write(row, this.length, "latin1");
    this.rows++;
  }
  take(): Buffer {
    return this.buf.subarray(0, this.length);
  }
}

/** Bytes per movement each table takes, about (a first guess for its buffer; it grows if short). */
const BYTES_PER_MOVEMENT: Record<string, number> = { Patient: 110, RecordMovement: 520, CourierLabel: 190, TrackingEvent: 1700, MovementClock: 40, AttentionQueueEntry: 4, CollectionBacklogEntry: 4, WorkloadEntry: 30, WorkloadEntryMovement: 4 };

export type CopyTable = "Patient" | "RecordMovement" | "CourierLabel" | "TrackingEvent" | "MovementClock" | "AttentionQueueEntry" | "CollectionBacklogEntry" | "WorkloadEntry" | "WorkloadEntryMovement";

export const COPY_COLUMNS: Record<CopyTable, string> = {
  Patient: `id, "nhsNumber", "createdAt", "updatedAt"`,
  RecordMovement: `id, reference, type, reason, priority, status, "patientId", "patientFamilyName", "patientGivenName", "patientDateOfBirth", "fromOrganisationId", "toOrganisationId",
    "regionCode", "policyVersion", "dueDate", "bagCount", "createdAt", "updatedAt", "statusChangedAt", "readyForCollectionAt", "needsAttention", "attentionReasons",
    "releasedAt", "collectedAt", "deliveredAt", "receivedAt", "releaseDueDate", "collectionDueDate", "deliveryDueDate", "receiptDueDate", "breachedClocks",
    "deliveryWorkingDays", "endToEndWorkingDays"`,
  CourierLabel: `id, barcode, "movementId", "bagNumber", "bagCount", version, status, "createdAt", "firstPrintedAt", "lastPrintedAt"`,
  TrackingEvent: `id, "movementId", type, source, "sourceEventId", "occurredAt", "receivedAt", location, "signedBy", "labelId"`,
  MovementClock: `"movementId", kind, "startedAt", "dueDate", breached, "breachedAt"`,
  AttentionQueueEntry: `"movementId", reasons, since`,
  CollectionBacklogEntry: `"movementId", "organisationId", "readyAt"`,
  WorkloadEntry: `id, "organisationId", "siteId", "regionCode", "icbCode", grade, "taskCode", quantity, minutes, "suggestedMinutes", date, cause, "movementId", source,
    "createdById", "ratePencePerHour", "rateId", "costPence", "createdAt", "updatedAt"`,
  WorkloadEntryMovement: `"entryId", "movementId"`,
};

export const COPY_TABLES = Object.keys(COPY_COLUMNS) as CopyTable[];

export type YearCounts = Record<CopyTable, number> & { statuses: Partial<Record<MovementStatus, number>> };

const HOUR = 3_600_000;
const DAY = 86_400_000;
const MINUTE = 60_000;
const HUBS = ["Darlington hub", "Milton Keynes hub", "Bristol hub", "Leeds hub"];
const N = "\\N";

// Time-ordered ids: 48 bits of milliseconds, the version 7 nibble, a per-table tag, the variant, a 48-bit counter.
const HEX4 = Array.from({ length: 65536 }, (_, i) => i.toString(16).padStart(4, "0"));
/** "xxxxxxxx-xxxx-" for a millisecond timestamp (made once per movement: its rows' ids share it). */
function timePrefix(ms: number): string {
  const hi = Math.floor(ms / 65536);
  return `${HEX4[Math.floor(hi / 65536) % 65536]}${HEX4[hi % 65536]}-${HEX4[ms % 65536]}-`;
}
class Ids {
  private counter = 0;
  constructor(private readonly tag: string) {}
  /** An id after `prefix` (timePrefix): ids made in creation order sort in creation order. */
  next(prefix: string): string {
    const n = ++this.counter;
    const hi = Math.floor(n / 4294967296);
    return `${prefix}7${this.tag}-8000-${HEX4[hi % 65536]}${HEX4[Math.floor(n / 65536) % 65536]}${HEX4[n % 65536]}`;
  }
}

// ISO timestamps (what toISOString writes) from epoch milliseconds without a Date: a date's prefix once per day.
const TWO = Array.from({ length: 100 }, (_, i) => String(i).padStart(2, "0"));
const THREE = Array.from({ length: 1000 }, (_, i) => String(i).padStart(3, "0"));
const dayPrefixes = new Map<number, string>();
function isoMs(instant: number): string {
  const ms = Math.floor(instant);
  const day = Math.floor(ms / DAY);
  let prefix = dayPrefixes.get(day);
  if (prefix === undefined) dayPrefixes.set(day, (prefix = new Date(day * DAY).toISOString().slice(0, 11)));
  let rest = ms - day * DAY;
  const h = Math.floor(rest / HOUR);
  rest -= h * HOUR;
  const m = Math.floor(rest / MINUTE);
  rest -= m * MINUTE;
  const sec = Math.floor(rest / 1000);
  return `${prefix}${TWO[h]}:${TWO[m]}:${TWO[sec]}.${THREE[rest - sec * 1000]}Z`;
}

type Ev = AttentionEvent & { source: TrackingSource; receivedMs: number; location: string | null; signedBy: string | null; label: boolean };

const iso = (d: Date | null) => (d === null ? N : isoMs(d.getTime()));
const orNull = (x: string | number | null) => (x === null ? N : String(x));
const arrival = (a: Ev, b: Ev) => a.receivedMs - b.receivedMs || compareEvents(a, b);

const REASON: Record<string, MovementReason> = { PRACTICE_TO_STORE: "DECEASED", URGENT_REQUEST: "CLINICAL_NEED", PRACTICE_TO_CROSS_BORDER: "CROSS_BORDER_REGISTRATION", PRACTICE_TO_PRACTICE: "RE_REGISTRATION" };

export class NationalYear {
  readonly counts: YearCounts = { ...(Object.fromEntries(COPY_TABLES.map((t) => [t, 0])) as Record<CopyTable, number>), statuses: {} };
  /** The id of every movement whose sequence number was drawn for the consistency check. */
  readonly sample: string[] = [];
  private readonly sampleSeqs = new Set<number>();
  private readonly r: () => number;
  private readonly nowMs: number;
  private readonly start: number;
  private readonly span: number;
  private readonly cumulative: Float64Array;
  private readonly total: number;
  private readonly logging: (string | null)[];
  private readonly targets = new Map<string, MovementTargets>();
  private readonly pauseWhileHeld: boolean;
  private readonly ids = { movement: new Ids("001"), patient: new Ids("002"), label: new Ids("003"), event: new Ids("004"), entry: new Ids("005"), user: new Ids("006") };
  private readonly pickTask: () => BenchTask;
  private readonly linkedTasks = { send: TASKS.find((t) => t.code === "BAG_AND_LABEL")!, receive: TASKS.find((t) => t.code === "RECEIVE_AND_CONFIRM")!, chase: TASKS.find((t) => t.code === "CHASE")! };
  /** Users who log each logging practice's workload: COPY text for "User". */
  readonly userRows: string;
  private seq = 0;

  constructor(private readonly setup: YearSetup) {
    this.r = seededRandom(setup.seed);
    this.nowMs = setup.now.getTime();
    this.span = 365 * DAY;
    this.start = this.nowMs - this.span;
    this.cumulative = new Float64Array(setup.weights.length);
    let total = 0;
    setup.weights.forEach((w, i) => (this.cumulative[i] = total += w));
    this.total = total;
    this.pauseWhileHeld = setup.rules.movementPauses.statuses.includes("HELD_AT_PRACTICE");
    this.pickTask = picker(this.r, TASKS.filter((t) => !t.batch));
    // About 40% of practices log their workload, each by one member of staff.
    const share = setup.loggingShare ?? 0.4;
    const users: string[] = [];
    this.logging = setup.practices.map((p) => {
      if (this.r() >= share) return null;
      const id = this.ids.user.next(timePrefix(this.start));
      users.push(`${id}\tworkload-${p.odsCode.toLowerCase()}@bench.invalid\tBench practice manager\tPRACTICE_MANAGER\t${p.id}\t${isoMs(this.start)}\t${isoMs(this.start)}\n`);
      return id;
    });
    this.userRows = users.join("");
    while (this.sampleSeqs.size < Math.min(2000, setup.movements)) this.sampleSeqs.add(Math.floor(this.r() * setup.movements));
  }

  get done(): boolean {
    return this.seq >= this.setup.movements;
  }

  get practicesLogging(): number {
    return this.logging.filter(Boolean).length;
  }

  private practiceIndex(x: number): number {
    const target = x * this.total;
    let lo = 0;
    let hi = this.cumulative.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.cumulative[mid] <= target) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  private targetsFor(type: MovementType, priority: Priority, from: Org, to: Org): MovementTargets {
    const nation = crossBorderCountryOf(type, from.country, to.country);
    const key = `${type}|${priority}|${nation}`;
    let t = this.targets.get(key);
    if (!t) this.targets.set(key, (t = movementTargets(this.setup.rules, type, priority, nation)));
    return t;
  }

  /** The next `count` movements (in creation order) with everything stored about them, as COPY text per table. */
  slice(count: number): SliceRows {
    const out = Object.fromEntries(COPY_TABLES.map((t) => [t, new RowBuffer(BYTES_PER_MOVEMENT[t] * count)])) as Record<CopyTable, RowBuffer>;
    const first = this.seq;
    const end = Math.min(this.setup.movements, this.seq + count);
    for (; this.seq < end; this.seq++) this.movement(this.seq, out);
    // The slice's stretch of the year, for the work not about one movement.
    const at = (seq: number) => this.start + (seq / this.setup.movements) * this.span;
    this.unlinkedWorkload(at(first), at(end), end - first, out);
    const rows = {} as SliceRows;
    for (const t of COPY_TABLES) {
      this.counts[t] += out[t].rows;
      rows[t] = out[t].take();
    }
    return rows;
  }

  private movement(seq: number, out: Record<CopyTable, RowBuffer>) {
    const { r, nowMs, setup } = this;
    const { practices, store, agencies } = setup;
    // Created at an even rate over the 365 days to now (in order, a jittered slot each).
    const createdMs = Math.floor(this.start + ((seq + r()) / setup.movements) * this.span);
    const idTime = timePrefix(createdMs);
    const id = this.ids.movement.next(idTime);
    if (this.sampleSeqs.has(seq)) this.sample.push(id);
    const ref = benchReference("RM", seq);
    // Sender and receiver in proportion to list size; some to the store, cross-border, urgent.
    const fromIndex = this.practiceIndex(r());
    const from = practices[fromIndex];
    const rt = r();
    const rp = r();
    const type: MovementType = rt < 0.08 ? "PRACTICE_TO_STORE" : rt < 0.09 ? "PRACTICE_TO_CROSS_BORDER" : rt < 0.1 ? "URGENT_REQUEST" : "PRACTICE_TO_PRACTICE";
    let toIndex = -1;
    let to: Org;
    if (type === "PRACTICE_TO_STORE") to = store;
    else if (type === "PRACTICE_TO_CROSS_BORDER") to = agencies[Math.floor(rp * agencies.length)];
    else {
      const rto = r();
      toIndex = this.practiceIndex(rto);
      if (toIndex === fromIndex) toIndex = this.practiceIndex(1 - rto);
      to = practices[toIndex];
    }
    const priority: Priority = type === "URGENT_REQUEST" || rp < 0.03 ? "URGENT" : "ROUTINE";

    // Milestone times, with the tails the service has: release within 15 days, weekly-ish collection, courier days
    // (90% 1-10, 8% 10-20, 2% 20-60), receipt within 4 days.
    const rel = createdMs + (0.2 + r() * 15) * DAY;
    const col = rel + (1 + r() * 8) * DAY;
    const rtail = r();
    const rdel = r();
    const del = col + (rtail < 0.9 ? 1 + rdel * 9 : rtail < 0.98 ? 10 + rdel * 10 : 20 + rdel * 40) * DAY;
    const rec = del + r() * 4 * DAY;
    const fate = r();

    // The journey's events, as far as they had arrived by now.
    const events: Ev[] = [];
    let k = 0;
    const add = (type: TrackingEventType, source: TrackingSource, at: number, location: string | null = null, signedBy: string | null = null, label = false) => {
      at = Math.floor(at);
      const receivedMs = source === "COURIER" ? at + MINUTE + Math.floor(r() * 19 * MINUTE) : at;
      if (receivedMs >= nowMs) return;
      k++;
      events.push({ type, source, occurredAt: new Date(at), receivedMs, sourceEventId: source === "COURIER" ? `c${seq}.${k}` : `portal:${seq}.${k}`, location, signedBy, label });
    };
    add("CREATED", "SYSTEM", createdMs);
    let labelled = -1;
    if (fate < 0.01) add("CANCELLED", "PRACTICE", createdMs + (rel - createdMs) * r());
    else if (fate < 0.015) add("MARKED_NO_PAPER_RECORD", "PRACTICE", createdMs + (rel - createdMs) * r());
    else {
      // Held at the practice for a while before release (1%): the release and end-to-end clocks pause.
      if (r() < 0.01) add("MARKED_HELD_AT_PRACTICE", "PRACTICE", createdMs + (rel - createdMs) * 0.3);
      if (rel - HOUR < nowMs) labelled = Math.floor(rel - HOUR);
      add("LABEL_PRINTED", "PRACTICE", rel - HOUR);
      add("READY_FOR_COLLECTION", "PRACTICE", rel);
      const hub = HUBS[Math.floor(r() * HUBS.length)];
      // A missed collection scan (3% of the normal journeys): collected when the hub scanned it.
      if (fate < 0.025 || r() >= 0.03) add("COLLECTED", "COURIER", col, "Practice collection", null, true);
      const arrived = col + (3 + r() * 9) * HOUR;
      add("ARRIVED_AT_HUB", "COURIER", arrived, hub, null, true);
      if (fate < 0.02) add("RETURNED_TO_SENDER", "COURIER", col + 2 * DAY, null, null, true);
      else if (fate < 0.025) {
        add("DEPARTED_HUB", "COURIER", arrived + 4 * HOUR, hub, null, true);
        // Never delivered: PCSE marks it missing after the search.
        add("MARKED_MISSING", "PCSE", col + (15 + r() * 10) * DAY);
      } else {
        const outForDelivery = del - 5 * HOUR;
        const failed = r() < 0.02 && del - col >= 3 * DAY;
        const firstOut = failed ? del - 29 * HOUR : outForDelivery;
        const departed = arrived + Math.min(8 * HOUR, (firstOut - arrived) / 2);
        if (r() < 0.01) add("EXCEPTION", "COURIER", (arrived + departed) / 2, hub, null, true);
        add("DEPARTED_HUB", "COURIER", departed, hub, null, true);
        if (failed) {
          add("OUT_FOR_DELIVERY", "COURIER", firstOut, null, null, true);
          add("DELIVERY_FAILED", "COURIER", del - 25 * HOUR, null, null, true);
        }
        add("OUT_FOR_DELIVERY", "COURIER", outForDelivery, null, null, true);
        add("DELIVERED", "COURIER", del, null, "Reception", true);
        // 1.5% are never confirmed by the receiver.
        if (fate >= 0.04) add("RECEIVED", "PRACTICE", rec, null, null, true);
      }
    }

    // Derived exactly as lib/tracking/refresh.ts derives it: events in the order they happened, then status,
    // attention (no problem reports yet, no demographics disagreement), and the clocks under the policy version.
    const list = events.slice().sort(compareEvents);
    const status = deriveStatus(list);
    const reasons = deriveAttention(list, status, 0, { demographicsDisagreement: false });
    const facts: ClockFacts = {
      createdAt: new Date(createdMs),
      status,
      targets: this.targetsFor(type, priority, from, to),
      pauseWhileHeld: this.pauseWhileHeld,
      maxPausedWorkingDays: setup.rules.movementPauses.maxPausedWorkingDays,
      senderCalendar: setup.calendars[divisionFor(from.country)],
      receiverCalendar: setup.calendars[divisionFor(to.country)],
    };
    const clocks = deriveMovementClocks(list, facts, setup.now, { detail: false });
    let readyAt: Date | null = null;
    if (status === "READY_FOR_COLLECTION") for (const e of list) if (e.type === "READY_FOR_COLLECTION" && (!readyAt || e.occurredAt > readyAt)) readyAt = e.occurredAt;

    // What the refresh writes "now" as each event arrives: replayed in arrival order.
    const arrived = events.slice().sort(arrival);
    let statusChangedMs = createdMs;
    let previous: MovementStatus = "REQUESTED";
    const prefixStatus: MovementStatus[] = [];
    for (let i = 0; i < arrived.length; i++) {
      const s = i === arrived.length - 1 ? status : deriveStatus(arrived.slice(0, i + 1));
      prefixStatus.push(s);
      if (s !== previous) statusChangedMs = arrived[i].receivedMs;
      previous = s;
    }
    let attentionSince = 0;
    if (reasons.length) {
      // Needing attention since the arrival after which it always has.
      attentionSince = arrived[arrived.length - 1].receivedMs;
      for (let i = arrived.length - 2; i >= 0; i--) {
        if (deriveAttention(arrived.slice(0, i + 1), prefixStatus[i], 0, { demographicsDisagreement: false }).length === 0) break;
        attentionSince = arrived[i].receivedMs;
      }
    }
    // The clock sweep records a breach in its first run of the day after the due date (every 5 minutes).
    const breachMoment = (due: string) => londonMidnight(addCalendarDays(due, 1)).getTime() + MINUTE;
    let updatedMs = Math.max(statusChangedMs, arrived.length ? arrived[arrived.length - 1].receivedMs : createdMs);
    for (const c of clocks.clocks) if (c.breached) updatedMs = Math.max(updatedMs, Math.min(nowMs - 1, breachMoment(c.dueDate)));

    // Rows.
    const patientId = this.ids.patient.next(idTime);
    const created = isoMs(createdMs);
    out.Patient.push(`${patientId}\t${9000000000 + seq}\t${created}\t${created}\n`);
    out.RecordMovement.push(movementRow(id, ref, type, priority, status, patientId, from, to, setup.policyVersion, clocks, created, isoMs(updatedMs), isoMs(statusChangedMs), readyAt, reasons));
    let labelId: string | null = null;
    if (labelled >= 0) {
      labelId = this.ids.label.next(idTime);
      const printed = isoMs(labelled);
      out.CourierLabel.push(`${labelId}\t${labelBarcode(ref, 1, 1)}\t${id}\t1\t1\t1\tLIVE\t${printed}\t${printed}\t${printed}\n`);
    }
    for (const e of events) {
      out.TrackingEvent.push(`${this.ids.event.next(idTime)}\t${id}\t${e.type}\t${e.source}\t${e.sourceEventId}\t${iso(e.occurredAt)}\t${isoMs(e.receivedMs)}\t${e.location ?? N}\t${e.signedBy ?? N}\t${e.label && labelId ? labelId : N}\n`);
    }
    for (const c of clocks.clocks) {
      if (!c.running) continue;
      out.MovementClock.push(`${id}\t${c.kind}\t${iso(c.startedAt)}\t${c.dueDate}\t${c.breached ? "t" : "f"}\t${c.breached ? isoMs(Math.min(nowMs - 1, breachMoment(c.dueDate))) : N}\n`);
    }
    if (reasons.length) out.AttentionQueueEntry.push(`${id}\t{${reasons.join(",")}}\t${isoMs(attentionSince)}\n`);
    if (readyAt) out.CollectionBacklogEntry.push(`${id}\t${from.id}\t${iso(readyAt)}\n`);
    this.counts.statuses[status] = (this.counts.statuses[status] ?? 0) + 1;

    // Workload linked to the movement: the sender bagging and labelling it, the receiver confirming it, a chase.
    const sender = this.logging[fromIndex];
    if (sender && clocks.releasedAt && r() < 0.06) this.entry(out, from, sender, this.linkedTasks.send, clocks.releasedAt.getTime(), id, createdMs);
    const receiver = toIndex >= 0 ? this.logging[toIndex] : null;
    if (receiver && clocks.receivedAt && r() < 0.05) this.entry(out, to, receiver, this.linkedTasks.receive, clocks.receivedAt.getTime(), id, createdMs);
    if (sender && (status === "RETURNED_TO_SENDER" || status === "MISSING") && r() < 0.3) this.entry(out, from, sender, this.linkedTasks.chase, statusChangedMs + r() * 2 * DAY, id, createdMs);
  }

  /** Work not about one movement (chasing, locating, urgent requests...), about 3.5 entries per 100 movements. */
  private unlinkedWorkload(fromMs: number, toMs: number, movements: number, out: Record<CopyTable, RowBuffer>) {
    const n = Math.round(movements * 0.035);
    for (let i = 0; i < n; i++) {
      let index = this.practiceIndex(this.r());
      for (let tries = 0; !this.logging[index] && tries < 20; tries++) index = this.practiceIndex(this.r());
      const user = this.logging[index];
      if (!user) continue;
      this.entry(out, this.setup.practices[index], user, this.pickTask(), fromMs + this.r() * (toMs - fromMs), null, fromMs);
    }
  }

  private entry(out: Record<CopyTable, RowBuffer>, practice: Org, userId: string, task: BenchTask, atMs: number, movementId: string | null, idMs: number) {
    atMs = Math.min(atMs, this.nowMs - HOUR);
    const date = londonDate(new Date(atMs));
    const quantity = 1;
    const minutes = Math.max(1, Math.round(task.perItem * quantity * (0.8 + this.r() * 0.5)));
    const rate = rateInForce(this.setup.rates, task.grade as StaffGrade, date)!;
    const id = this.ids.entry.next(timePrefix(Math.floor(idMs)));
    const made = isoMs(atMs + 10 * MINUTE);
    out.WorkloadEntry.push(
      `${id}\t${practice.id}\t${practice.id}\t${orNull(practice.regionCode)}\t${orNull(practice.icbCode)}\t${task.grade}\t${task.code}\t${quantity}\t${minutes}\t${task.batch ? task.perItem * quantity : N}\t${date}\t${task.cause}\t${movementId ?? N}\t${task.batch ? "SUGGESTED_ACCEPTED" : "MANUAL"}\t${userId}\t${rate.pencePerHour}\t${rate.id}\t${costPence(minutes, rate.pencePerHour)}\t${made}\t${made}\n`,
    );
    if (movementId) out.WorkloadEntryMovement.push(`${id}\t${movementId}\n`);
  }
}

function movementRow(
  id: string,
  ref: string,
  type: MovementType,
  priority: Priority,
  status: MovementStatus,
  patientId: string,
  from: Org,
  to: Org,
  policyVersion: number,
  c: MovementClocks,
  created: string,
  updated: string,
  statusChanged: string,
  readyAt: Date | null,
  reasons: AttentionReason[],
): string {
  let releaseDue: string | null = null;
  let collectionDue: string | null = null;
  let deliveryDue: string | null = null;
  let receiptDue: string | null = null;
  for (const k of c.clocks) {
    if (k.kind === "RELEASE") releaseDue = k.dueDate;
    else if (k.kind === "COLLECTION") collectionDue = k.dueDate;
    else if (k.kind === "DELIVERY") deliveryDue = k.dueDate;
    else if (k.kind === "RECEIPT") receiptDue = k.dueDate;
  }
  // As the refresh writes them: breached clocks in sorted order, reasons in the derivation's order.
  const breached = ([...c.breached] as MovementClockKind[]).sort().join(",");
  const region = accountableRegion(from, to);
  return `${id}\t${ref}\t${type}\t${REASON[type]}\t${priority}\t${status}\t${patientId}\tPatient\tBench\t1980-01-01\t${from.id}\t${to.id}\t${orNull(region)}\t${policyVersion}\t${c.dueDate}\t1\t${created}\t${updated}\t${statusChanged}\t${iso(readyAt)}\t${reasons.length ? "t" : "f"}\t{${reasons.join(",")}}\t${iso(c.releasedAt)}\t${iso(c.collectedAt)}\t${iso(c.deliveredAt)}\t${iso(c.receivedAt)}\t${orNull(releaseDue)}\t${orNull(collectionDue)}\t${orNull(deliveryDue)}\t${orNull(receiptDue)}\t{${breached}}\t${orNull(c.deliveryWorkingDays)}\t${orNull(c.endToEndWorkingDays)}\n`;
}
