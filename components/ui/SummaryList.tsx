import type { ReactNode } from "react";

export function SummaryList({ rows }: { rows: { key: string; value: ReactNode }[] }) {
  return (
    <dl className="mb-8 divide-y divide-nhs-grey-4 border-y border-nhs-grey-4">
      {rows.map((row) => (
        <div key={row.key} className="grid gap-1 py-3 sm:grid-cols-3 sm:gap-4">
          <dt className="font-bold">{row.key}</dt>
          <dd className="sm:col-span-2">{row.value}</dd>
        </div>
      ))}
    </dl>
  );
}
