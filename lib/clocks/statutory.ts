// Statutory clocks belong to the access request, not to the movement (domain.md, "Statutory clocks"). Pure.
// - Subject access request (UK GDPR art. 12(3); ICO guidance): one calendar month from receipt (of the request, or
//   of the ID or clarification asked for): the corresponding date next month, or the month's last day if there is
//   none; when that falls on a weekend or bank holiday, the next working day. Extendable by two further months
//   when the requester is told within the first month.
// - Access to Health Records Act 1990 (deceased patients): 40 days from the application, or 21 days when every
//   entry in the record was made in the 40 days before it.
// - A coroner's notice, or a court order, sets its own date.
// An urgent movement serving a request gets an internal target early enough to leave time for review and
// redaction: the statutory date less the policy's review working days, never before the day the request came in.
import { addCalendarDays, addCalendarMonthsPlain, nextWorkingDayOnOrAfter, subtractWorkingDays, type Calendar, type IsoDate } from "@/lib/clocks/calendar";

export type StatutoryRules = {
  subjectAccessMonths: number;
  subjectAccessExtensionMonths: number;
  accessToHealthRecordsDays: number;
  accessToHealthRecordsRecentDays: number;
  reviewWorkingDays: number;
};

export type StatutoryRequest =
  | { basis: "SUBJECT_ACCESS_REQUEST"; receivedOn: IsoDate; extended?: boolean }
  | { basis: "ACCESS_TO_HEALTH_RECORDS"; receivedOn: IsoDate; recentEntriesOnly?: boolean }
  | { basis: "CORONER" | "COURT"; receivedOn: IsoDate; dateGiven: IsoDate }
  | { basis: "CLINICAL_NEED"; receivedOn: IsoDate };

export function statutoryDueDate(request: StatutoryRequest, rules: StatutoryRules, calendar: Calendar): IsoDate | null {
  switch (request.basis) {
    case "SUBJECT_ACCESS_REQUEST": {
      const months = rules.subjectAccessMonths + (request.extended ? rules.subjectAccessExtensionMonths : 0);
      return nextWorkingDayOnOrAfter(addCalendarMonthsPlain(request.receivedOn, months), calendar);
    }
    case "ACCESS_TO_HEALTH_RECORDS":
      return addCalendarDays(request.receivedOn, request.recentEntriesOnly ? rules.accessToHealthRecordsRecentDays : rules.accessToHealthRecordsDays);
    case "CORONER":
    case "COURT":
      return request.dateGiven;
    case "CLINICAL_NEED":
      return null;
  }
}

/** The date the record must reach the requester's practice by, leaving `reviewWorkingDays` before the statutory date. */
export function internalTargetDate(statutoryDue: IsoDate, receivedOn: IsoDate, rules: StatutoryRules, calendar: Calendar): IsoDate {
  const target = subtractWorkingDays(statutoryDue, rules.reviewWorkingDays, calendar);
  return target < receivedOn ? receivedOn : target;
}
