import "server-only";
// An evidence file as an HTTP response: CSV, or the PDF drawn from it, with the pack's SHA-256 in a header too.
import { renderEvidencePdf, type EvidenceFile } from "@/lib/workload/evidence";

export async function evidenceResponse(file: EvidenceFile, format: "csv" | "pdf"): Promise<Response> {
  const headers = { "cache-control": "private, no-store", "x-evidence-sha256": file.sha256, "x-evidence-signed": file.signed ? "yes" : "no" };
  if (format === "csv") {
    return new Response(file.csv, { headers: { ...headers, "content-type": "text/csv; charset=utf-8", "content-disposition": `attachment; filename="${file.fileName}.csv"` } });
  }
  const pdf = await renderEvidencePdf(file.document, file.sha256, file.signed);
  return new Response(new Uint8Array(pdf), { headers: { ...headers, "content-type": "application/pdf", "content-disposition": `inline; filename="${file.fileName}.pdf"` } });
}
