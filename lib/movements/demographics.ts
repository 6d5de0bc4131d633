// The patient's demographics as a sender recorded them on a movement, and when two senders disagree. Pure.
// Each movement keeps its own sender's names and date of birth (what is on the envelope); nothing a practice
// sends changes another movement. When a send disagrees with what another organisation recorded for the same
// NHS number, PCSE is asked to check (it may be the wrong patient's record); the sender is never told, because
// telling it would reveal what the portal holds for an NHS number (issue 7).

export type RecordedDemographics = { familyName: string; givenName: string; dateOfBirth: string };

/** Case, spacing, hyphens, apostrophes and accents are spelling, not a different person. */
export function normaliseName(name: string): string {
  return name
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[\s'’`-]+/g, "");
}

export function demographicsDisagree(a: RecordedDemographics, b: RecordedDemographics): boolean {
  return a.dateOfBirth !== b.dateOfBirth || normaliseName(a.familyName) !== normaliseName(b.familyName) || normaliseName(a.givenName) !== normaliseName(b.givenName);
}

/** "LOVELACE, Ada", as lists and the movement page show a patient. */
export function displayName(familyName: string, givenName: string): string {
  return `${familyName.toUpperCase()}, ${givenName}`;
}
