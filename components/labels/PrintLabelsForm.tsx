/** A plain form post to the label PDF route: works without JavaScript; the PDF opens in a new tab. */
export function PrintLabelsForm({ references, label = "Print labels" }: { references: string[]; label?: string }) {
  return (
    <form method="post" action="/api/labels/pdf" target="_blank" className="flex flex-wrap items-center gap-3">
      {references.map((r) => (
        <input key={r} type="hidden" name="references" value={r} />
      ))}
      <button type="submit" name="format" value="a4" className="rounded bg-nhs-blue px-4 py-2 font-bold text-white shadow-[0_4px_0_#003087]">
        {label}: A4 sheet<span className="sr-only"> (opens a PDF in a new tab)</span>
      </button>
      <button type="submit" name="format" value="thermal" className="rounded bg-white px-4 py-2 font-bold text-nhs-text shadow-[0_4px_0_#4c6272] border border-nhs-grey-3">
        {label}: 100 × 150 mm thermal<span className="sr-only"> (opens a PDF in a new tab)</span>
      </button>
    </form>
  );
}
