/** A table's column headings; `numeric` columns are right-aligned, as their figures are. */
export function TableHead({ columns }: { columns: (string | { label: string; numeric?: boolean })[] }) {
  return (
    <thead>
      <tr className="border-b-2 border-nhs-grey-3">
        {columns.map((c) => {
          const { label, numeric } = typeof c === "string" ? { label: c, numeric: false } : c;
          return (
            <th key={label} scope="col" className={`p-2 ${numeric ? "text-right" : ""}`}>
              {label}
            </th>
          );
        })}
      </tr>
    </thead>
  );
}
