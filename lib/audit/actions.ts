"use server";
// The audit trail's filter form, through the shared wrapper (lib/http/safe-action.ts). It posts, so that an NHS number
// typed in it never travels in a URL: the number is kept server-side as the administrator's saved search and the URL
// carries only its id; the other filters (which identify nobody) stay in the URL, so a view can be bookmarked.
import { redirect } from "next/navigation";
import { z } from "zod";
import { db } from "@/lib/db/client";
import { navigationAction } from "@/lib/http/safe-action";
import { safeText } from "@/lib/http/input";
import { AUDIT_ACTIONS } from "@/lib/audit/record";
import { NO_LONG_DIGITS, auditFilterSchema, auditNhsNumber } from "@/lib/audit/queries";
import { saveSearch } from "@/lib/movements/saved-searches";

const blank = z.literal("");
const words = safeText(100).refine(NO_LONG_DIGITS, "Search by NHS number in the NHS number box");

const auditFilterForm = z.object({
  from: z.union([blank, z.string().regex(/^\d{4}-\d{2}-\d{2}$/)]).optional(),
  to: z.union([blank, z.string().regex(/^\d{4}-\d{2}-\d{2}$/)]).optional(),
  user: words.optional(),
  organisation: words.optional(),
  action: z.union([blank, z.enum(AUDIT_ACTIONS)]).optional(),
  reference: words.optional(),
  nhsNumber: safeText(20)
    .refine((v) => v.trim() === "" || auditNhsNumber(v) !== null, "Enter a valid NHS number")
    .optional(),
});

export const filterAuditAction = navigationAction<z.infer<typeof auditFilterForm>>(
  { name: "filterAuditAction", permission: "audit:read", input: auditFilterForm, fallback: (problem) => `/admin?problem=${problem}` },
  async ({ nhsNumber, ...rest }, { actor }) => {
    const number = auditNhsNumber(nhsNumber);
    const id = number ? await saveSearch(db, actor, "audit", number) : null;
    const filters = auditFilterSchema.parse(rest);
    const params = new URLSearchParams();
    for (const key of ["from", "to", "user", "organisation", "action", "reference"] as const) {
      const value = filters[key];
      if (value) params.set(key, value);
    }
    if (id) params.set("s", id);
    const query = params.toString();
    redirect(query ? `/admin?${query}` : "/admin");
  },
);
