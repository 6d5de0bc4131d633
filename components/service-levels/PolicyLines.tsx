import { TableHead } from "@/components/ui/TableHead";

/** Every figure of one policy version, as a two-column table. */
export function PolicyLines({ lines, caption }: { lines: { key: string; label: string; value: string }[]; caption: string }) {
  return (
    <table className="mb-8 w-full border-collapse bg-white text-left text-nhs-small">
      <caption className="mb-2 text-left text-nhs-s font-bold">{caption}</caption>
      <TableHead columns={["Rule", "Value"]} />
      <tbody>
        {lines.map((l) => (
          <tr key={l.key} className="border-b border-nhs-grey-4 align-top">
            <th scope="row" className="p-2 font-normal">{l.label}</th>
            <td className="p-2">{l.value}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
