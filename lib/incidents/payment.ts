// What an incident's payment scheme gives a practice for its reviews. Pure. Amounts are whole pence.
// The banded scheme is the one NHS England used for the NHS Shared Business Services correspondence incident
// (2016-17): £50 for fewer than 20 items, £100 for 20 to 50, plus £50 for each further 10 (or part of 10) above
// 50 (docs/incidents.md, "Payment schemes").
import { z } from "zod";
import type { IncidentPaymentScheme } from "@/lib/db/generated/enums";

const pence = z.number().int().min(0).max(10_000_000);

export const paymentTermsSchema = z.object({
  /** FLAT_PER_PRACTICE: paid once per practice that signs its return. */
  flatPence: pence.optional(),
  /** PER_ITEM: paid per affected patient reviewed. */
  perItemPence: pence.optional(),
  /** BANDED: below `smallBelow` items `smallPence`; up to `mediumUpTo` items `mediumPence`; then `stepPence` per `stepItems` (or part). */
  bands: z
    .object({ smallBelow: z.number().int().min(1), smallPence: pence, mediumUpTo: z.number().int().min(1), mediumPence: pence, stepItems: z.number().int().min(1), stepPence: pence })
    .optional(),
});

export type PaymentTerms = z.infer<typeof paymentTermsSchema>;

/** The SBS incident's bands (domain.md): the default for a banded scheme. */
export const SBS_BANDS = { smallBelow: 20, smallPence: 5_000, mediumUpTo: 50, mediumPence: 10_000, stepItems: 10, stepPence: 5_000 } as const;

export const PAYMENT_SCHEME_LABELS: Record<IncidentPaymentScheme, string> = {
  NONE: "No payment",
  FLAT_PER_PRACTICE: "A flat amount per practice",
  BANDED: "Banded by number of patients",
  PER_ITEM: "An amount per patient",
};

export function paymentFor(scheme: IncidentPaymentScheme, terms: PaymentTerms, itemCount: number): number {
  if (itemCount <= 0) return 0;
  switch (scheme) {
    case "NONE":
      return 0;
    case "FLAT_PER_PRACTICE":
      return terms.flatPence ?? 0;
    case "PER_ITEM":
      return (terms.perItemPence ?? 0) * itemCount;
    case "BANDED": {
      const b = terms.bands ?? SBS_BANDS;
      if (itemCount < b.smallBelow) return b.smallPence;
      if (itemCount <= b.mediumUpTo) return b.mediumPence;
      return b.mediumPence + Math.ceil((itemCount - b.mediumUpTo) / b.stepItems) * b.stepPence;
    }
  }
}

export function formatPence(value: number): string {
  return new Intl.NumberFormat("en-GB", { style: "currency", currency: "GBP", minimumFractionDigits: value % 100 === 0 ? 0 : 2 }).format(value / 100);
}

/** The scheme in words, with its amounts: shown to PCSE when creating and to practices before they sign. */
export function describeScheme(scheme: IncidentPaymentScheme, terms: PaymentTerms): string {
  switch (scheme) {
    case "NONE":
      return "No payment is made for these reviews";
    case "FLAT_PER_PRACTICE":
      return `${formatPence(terms.flatPence ?? 0)} per practice that signs its return`;
    case "PER_ITEM":
      return `${formatPence(terms.perItemPence ?? 0)} per patient reviewed`;
    case "BANDED": {
      const b = terms.bands ?? SBS_BANDS;
      return `${formatPence(b.smallPence)} for fewer than ${b.smallBelow} patients, ${formatPence(b.mediumPence)} for ${b.smallBelow} to ${b.mediumUpTo}, plus ${formatPence(b.stepPence)} for each further ${b.stepItems} (or part of ${b.stepItems})`;
    }
  }
}
