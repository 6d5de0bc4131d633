import type { Metadata } from "next";
import { db } from "@/lib/db/client";
import { requireAudience } from "@/lib/auth/session";
import { can } from "@/lib/auth/permissions";
import { getIncident, importProgress } from "@/lib/incidents/queries";
import { IMPORT_COLUMNS } from "@/lib/incidents/schemas";
import { orNotFound } from "@/lib/http/not-found";
import { BackLink } from "@/components/ui/BackLink";
import { SummaryList } from "@/components/ui/SummaryList";
import { ImportUpload } from "@/components/incidents/ImportUpload";
import { formatDateTime, formatNumber } from "@/lib/format";

export const metadata: Metadata = { title: "Import affected patients" };

const STATUS = { RECEIVING: "Reading the file", CHECKING: "Checking", IMPORTING: "Importing", COMPLETED: "Imported", REJECTED: "Rejected: nothing was imported", FAILED: "Failed: nothing was imported" } as const;

export default async function Page({ params }: { params: Promise<{ reference: string }> }) {
  const actor = await requireAudience("pcse");
  const { reference } = await params;
  const ref = reference.toUpperCase();
  if (!can(actor.role, "incident:manage")) {
    await orNotFound(getIncident(db, actor, reference));
    return (
      <div className="max-w-3xl">
        <BackLink href={`/pcse/incidents/${ref}`}>Back to the incident</BackLink>
        <h1>Import affected patients</h1>
        <p>Only PCSE supervisors can import an incident&apos;s affected patients.</p>
      </div>
    );
  }
  const latest = await orNotFound(importProgress(db, actor, reference));
  return (
    <div className="max-w-3xl">
      <BackLink href={`/pcse/incidents/${ref}`}>Back to the incident</BackLink>
      <h1>Import affected patients</h1>
      <p>A CSV file with a header row naming its columns (in any order):</p>
      <ul className="mb-4 list-disc pl-6">
        <li><code>nhs_number</code>, <code>practice_ods_code</code> (where the patient is now registered), <code>held_from</code> and <code>priority</code> (high or low): required;</li>
        <li><code>released_on</code> when the record has been released, and <code>movement_reference</code> if it is known;</li>
        <li><code>family_name</code>, <code>given_name</code>, <code>date_of_birth</code> as on the envelope: needed for a released record the portal has no movement for, so it can be tracked to the practice.</li>
      </ul>
      <p className="mb-6">Dates as YYYY-MM-DD. Every row is checked; if any is wrong, nothing is imported and you can download the rows to correct. Columns: {IMPORT_COLUMNS.join(", ")}.</p>
      <ImportUpload reference={ref} />
      {latest ? (
        <section aria-labelledby="latest-heading">
          <h2 id="latest-heading">Latest import</h2>
          <SummaryList
            rows={[
              { key: "File", value: latest.fileName },
              { key: "Started", value: formatDateTime(latest.startedAt) },
              { key: "Status", value: STATUS[latest.status] },
              { key: "Rows read", value: formatNumber(latest.rowsRead) },
              ...(latest.status === "COMPLETED"
                ? [
                    { key: "Patients imported", value: formatNumber(latest.accepted) },
                    { key: "Linked to existing movements", value: formatNumber(latest.movementsLinked) },
                    { key: "Released records now tracked as new movements", value: formatNumber(latest.movementsCreated) },
                  ]
                : []),
              ...(latest.problem ? [{ key: "Problem", value: latest.problem }] : []),
              ...(latest.rejected ? [{ key: "Rows rejected", value: formatNumber(latest.rejected) }] : []),
            ]}
          />
          {latest.rejected ? (
            <p>
              <a href={`/api/incidents/${ref}/rejected?import=${latest.id}`} className="font-bold" download>
                Download the {formatNumber(latest.rejected)} rejected rows (CSV), each with what is wrong
              </a>
            </p>
          ) : null}
        </section>
      ) : null}
    </div>
  );
}
