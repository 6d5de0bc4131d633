// NHS number rules (NHS Data Dictionary): 10 digits, the last a modulus-11 check digit.
// Weights 10..2 on digits 1-9; check = 11 - (sum mod 11); 11 -> 0; 10 -> the number is invalid.

/** Strips the spaces and hyphens people type (`943 476 5919`, `943-476-5919`). */
export function normaliseNhsNumber(input: string): string {
  return input.replace(/[\s-]/g, "");
}

export function nhsNumberCheckDigit(firstNine: string): number | null {
  if (!/^\d{9}$/.test(firstNine)) return null;
  let sum = 0;
  for (let i = 0; i < 9; i++) sum += Number(firstNine[i]) * (10 - i);
  const check = 11 - (sum % 11);
  if (check === 11) return 0;
  if (check === 10) return null;
  return check;
}

export function isValidNhsNumber(input: string): boolean {
  const value = normaliseNhsNumber(input);
  if (!/^\d{10}$/.test(value)) return false;
  const check = nhsNumberCheckDigit(value.slice(0, 9));
  return check !== null && check === Number(value[9]);
}

/** `9434765919` -> `943 476 5919` (the NHS display format). */
export function formatNhsNumber(value: string): string {
  const digits = normaliseNhsNumber(value);
  if (!/^\d{10}$/.test(digits)) return value;
  return `${digits.slice(0, 3)} ${digits.slice(3, 6)} ${digits.slice(6)}`;
}

/**
 * Valid NHS numbers in the 999 range reserved for testing (never issued to a real patient), in order.
 * Used for demo and test patients only.
 */
export function* testNhsNumbers(start = 0): Generator<string> {
  for (let n = start; n < 1_000_000; n++) {
    const firstNine = `999${String(n).padStart(6, "0")}`;
    const check = nhsNumberCheckDigit(firstNine);
    if (check !== null) yield firstNine + String(check);
  }
}

/** Masks NHS-number-like digit runs in free text (logs, error messages). */
export function redactNhsNumbers(text: string): string {
  return text.replace(/(?<!\d)\d{3}[\s-]?\d{3}[\s-]?\d{4}(?!\d)/g, "[nhs-number]");
}
