// References for generated benchmark rows: the n-th reference of a prefix (RM, CS, UR), in the portal's own
// alphabet and shape (lib/movements/reference.ts), so every generated row is unique and looks like a real one.
import { REFERENCE_ALPHABET } from "@/lib/movements/reference";

export function benchReference(prefix: string, n: number): string {
  let code = "";
  for (let k = 0; k < 8; k++, n = Math.floor(n / REFERENCE_ALPHABET.length)) code = REFERENCE_ALPHABET[n % REFERENCE_ALPHABET.length] + code;
  return `${prefix}-${code.slice(0, 4)}-${code.slice(4)}`;
}
