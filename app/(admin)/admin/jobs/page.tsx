import type { Metadata } from "next";
import { db } from "@/lib/db/client";
import { requireAudience } from "@/lib/auth/session";
import { jobsOverview } from "@/lib/jobs/admin";
import { formatDateTime } from "@/lib/format";
import { Tag } from "@/components/ui/StatusTag";

import { RunJobButton } from "@/components/jobs/RunJobButton";
import { ResponsiveTable } from "@/components/ui/ResponsiveTable";

export const metadata: Metadata = { title: "Jobs" };
export const dynamic = "force-dynamic";

const TONE = { SUCCEEDED: "green", FAILED: "red", RUNNING: "blue", SKIPPED: "grey" } as const;
const duration = (ms: number | null) => (ms === null ? "" : ms < 1000 ? `${ms} ms` : `${(ms / 1000).toFixed(1)} s`);

export default async function Page() {
  const actor = await requireAudience("admin");
  const o = await jobsOverview(db, actor);
  const alive = o.workers.filter((w) => w.alive);
  return (
    <>
      <h1>Jobs</h1>
      {alive.length ? (
        <p className="mb-6">
          {alive.length === 1 ? "One worker is" : `${alive.length} workers are`} running jobs (last seen {formatDateTime(alive[0].lastSeenAt)}).
        </p>
      ) : (
        <div role="region" aria-label="No worker" className="mb-6 border-l-8 border-nhs-red bg-white p-4">
          <h2 className="text-nhs-s">No worker is running</h2>
          <p>Scheduled jobs (the clock sweep among them) are not running. Start one with <code>npm run worker</code>.</p>
        </div>
      )}
      {o.jobs.map((j) => (
        <section key={j.name} className="mb-8 border-t-4 border-nhs-blue bg-white p-4 [overflow-wrap:anywhere]" aria-labelledby={`job-${j.name}`}>
          <h2 id={`job-${j.name}`}>{j.title}</h2>
          <p className="mb-2">{j.description}</p>
          <dl className="mb-4 grid gap-x-6 gap-y-1 sm:grid-cols-[max-content_1fr]">
            <dt className="font-bold">Schedule</dt>
            <dd>{j.scheduleText}</dd>
            <dt className="font-bold">Last run</dt>
            <dd>
              {j.last ? (
                <>
                  <Tag tone={TONE[j.last.status as keyof typeof TONE] ?? "grey"}>{j.last.status.toLowerCase()}</Tag> {formatDateTime(j.last.startedAt)}
                  {j.last.durationMs !== null ? `, took ${duration(j.last.durationMs)}` : ""}
                  {j.last.summary ? <span className="block text-nhs-secondary">{j.last.summary}</span> : null}
                </>
              ) : (
                "Never"
              )}
            </dd>
            <dt className="font-bold">Last success</dt>
            <dd>{j.lastSuccess ? formatDateTime(j.lastSuccess.startedAt) : "Never"}</dd>
            <dt className="font-bold">Runs in the last 24 hours</dt>
            <dd>{j.runsToday}</dd>
          </dl>
          {j.failures.length ? (
            <>
              <h3>Recent failures</h3>
              <ul className="mb-4 list-disc pl-6">
                {j.failures.map((f) => (
                  <li key={f.id}>
                    {formatDateTime(f.startedAt)}: <span className="font-mono text-nhs-small">{f.error}</span>
                  </li>
                ))}
              </ul>
            </>
          ) : null}
          <RunJobButton job={j.name} title={j.title} />
        </section>
      ))}
      <h2>Recent runs</h2>
      <ResponsiveTable
        caption="The 25 most recent job runs"
        columns={["Job", { label: "Started", nowrap: true }, "Why", "Result", { label: "Took", nowrap: true }, "What it did"]}
        rows={o.recent.map((r) => ({
          key: String(r.id),
          cells: [r.job, formatDateTime(r.startedAt), r.trigger.toLowerCase(), <Tag key="t" tone={TONE[r.status as keyof typeof TONE] ?? "grey"}>{r.status.toLowerCase()}</Tag>, duration(r.durationMs), r.error ?? r.summary ?? ""],
        }))}
      />
    </>
  );
}
