import { ResponsiveTable } from "@/components/ui/ResponsiveTable";

/** Every figure of one policy version, as a two-column table (a list of cards on a phone). */
export function PolicyLines({ lines, caption }: { lines: { key: string; label: string; value: string }[]; caption: string }) {
  return <ResponsiveTable className="mb-8" caption={caption} captionVisible rowHeaders columns={["Rule", "Value"]} rows={lines.map((l) => ({ key: l.key, cells: [l.label, l.value] }))} />;
}
