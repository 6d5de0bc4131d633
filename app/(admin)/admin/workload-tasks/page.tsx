import type { Metadata } from "next";
import Link from "@/components/ui/Link";
import { db } from "@/lib/db/client";
import { requireAudience } from "@/lib/auth/session";
import { listWorkloadTasks } from "@/lib/workload/queries";
import { CAUSE_LABELS } from "@/lib/workload/schemas";
import { formatDateTime } from "@/lib/format";
import { TaskForm } from "@/components/workload/TaskForm";
import { ResponsiveTable } from "@/components/ui/ResponsiveTable";
import { Tag } from "@/components/ui/StatusTag";

export const metadata: Metadata = { title: "Workload tasks" };

export default async function Page({ searchParams }: { searchParams: Promise<Record<string, string | undefined>> }) {
  const actor = await requireAudience("admin");
  const query = await searchParams;
  const tasks = await listWorkloadTasks(db, actor);
  const editing = tasks.find((t) => t.code === query.edit);
  const saved = tasks.find((t) => t.code === query.saved);
  return (
    <>
      {saved ? (
        <div role="status" className="mb-8 bg-nhs-green p-6 text-white">
          <h2 className="text-nhs-l">{saved.name}: saved</h2>
          <p>New suggestions and entries use it from now on; work already logged keeps its minutes.</p>
        </div>
      ) : null}
      <h1>Workload tasks</h1>
      <p className="mb-6">
        The tasks practices log, the minutes suggested for each (per item) and the basis written beside them. Practices see the basis wherever they log the task, and always enter or
        accept their own minutes: a default is a starting point, never imposed.
      </p>
      {editing ? (
        <section aria-labelledby="edit" className="mb-10 border-l-8 border-nhs-blue bg-white p-4">
          <h2 id="edit">Change {editing.name}</h2>
          <TaskForm task={editing} />
          <p className="mt-4">
            <Link href="/admin/workload-tasks">Cancel</Link>
          </p>
        </section>
      ) : null}
      <ResponsiveTable
        caption="Workload tasks and their defaults"
        columns={["Task", { label: "Default", numeric: true, nowrap: true }, "Basis", "Cause suggested", "State", "Actions"]}
        rows={tasks.map((t) => ({
          key: t.code,
          cells: [
            <>
              <span className="font-bold">{t.name}</span>
              <span className="block text-nhs-secondary">{t.description}</span>
            </>,
            `${t.defaultMinutes} min`,
            t.basis,
            CAUSE_LABELS[t.defaultCause],
            <>
              {t.active ? <Tag tone="green">In use</Tag> : <Tag tone="grey">Retired</Tag>}
              <span className="block text-nhs-secondary">{formatDateTime(t.updatedAt)}</span>
            </>,
            <Link key="change" href={`/admin/workload-tasks?edit=${t.code}`}>
              Change<span className="sr-only"> {t.name}</span>
            </Link>,
          ],
        }))}
      />
    </>
  );
}
