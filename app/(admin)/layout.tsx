import type { ReactNode } from "react";
import { AudienceLayout } from "@/components/layout/AudienceLayout";
import { db } from "@/lib/db/client";
import { calendarWarnings } from "@/lib/service-levels/calendar-admin";
import { requireAudience } from "@/lib/auth/session";

export default async function Layout({ children }: { children: ReactNode }) {
  // Signed-in administrators only (AudienceLayout checks again); then every admin page says when the working-day
  // calendars run out within the next 12 months.
  await requireAudience("admin");
  const warnings = await calendarWarnings(db);
  return (
    <AudienceLayout audience="admin">
      {warnings.length ? (
        <div role="region" aria-label="Calendar warning" className="mb-6 border-l-8 border-nhs-warm-yellow bg-white p-4">
          <h2 className="text-nhs-s">Bank holidays are running out</h2>
          <ul className="list-disc pl-6">
            {warnings.map((w) => (
              <li key={w}>{w}.</li>
            ))}
          </ul>
          <p className="mt-2">
            <a href="/admin/calendar">Check the bank holidays</a>
          </p>
        </div>
      ) : null}
      {children}
    </AudienceLayout>
  );
}
