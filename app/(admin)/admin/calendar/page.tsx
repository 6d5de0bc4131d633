import type { Metadata } from "next";
import { db } from "@/lib/db/client";
import { requireAudience } from "@/lib/auth/session";
import { calendarOverview } from "@/lib/service-levels/calendar-admin";
import { formatCalendarDate } from "@/lib/format";

import { BankHolidayForm } from "@/components/service-levels/BankHolidayForm";
import { ResponsiveTable } from "@/components/ui/ResponsiveTable";

export const metadata: Metadata = { title: "Bank holidays" };

export default async function Page({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const actor = await requireAudience("admin");
  const c = await calendarOverview(db, actor);
  const sp = await searchParams;
  const added = typeof sp.added === "string" && /^\d{4}-\d{2}-\d{2}$/.test(sp.added) ? sp.added : null;
  return (
    <>
      <h1>Bank holidays</h1>
      {added ? (
        <div role="status" className="mb-6 border-l-8 border-nhs-green bg-white p-4">
          <h2 className="text-nhs-s">Bank holiday added for {formatCalendarDate(added)}</h2>
          <p>
            {sp.rederive === "queued"
              ? "Open movements' due dates are being worked out again by the job runner; it takes a few seconds."
              : "The job runner could not be reached: run \u201cRe-derive running clocks\u201d on the Jobs page once a worker is running."}
          </p>
        </div>
      ) : null}
      <p className="mb-6">
        Working days leave out weekends and each nation&apos;s bank holidays (gov.uk&apos;s list). Cross-border movements count the receiving nation&apos;s holidays for delivery.
      </p>
      {c.divisions.map((d) => (
        <section key={d.division} className="mb-8" aria-labelledby={`h-${d.division}`}>
          <h2 id={`h-${d.division}`}>{d.label}</h2>
          <p className={d.warning ? "mb-2 font-bold text-nhs-red" : "mb-2"}>{d.warning ? `${d.warning}.` : `Known until ${d.knownUntil ? formatCalendarDate(d.knownUntil) : "never"}.`}</p>
          {d.upcoming.length ? (
            <ResponsiveTable
              caption={`Bank holidays in ${d.label} in the next 12 months`}
              columns={[{ label: "Date", nowrap: true }, "Holiday", "Source"]}
              rows={d.upcoming.map((h) => ({ key: h.date, cells: [formatCalendarDate(h.date), h.title, h.addedBy ? `Added by ${h.addedBy}` : "gov.uk"] }))}
            />
          ) : (
            <p>No bank holidays are known in the next 12 months.</p>
          )}
        </section>
      ))}
      <h2>Add a one-off bank holiday</h2>
      <p className="mb-4">For example a coronation or a jubilee. Due dates after it move on by a working day; dates already past never change.</p>
      <BankHolidayForm divisions={c.divisions.map((d) => ({ division: d.division, label: d.label }))} />
    </>
  );
}
