import type { Metadata } from "next";
import { requireAudience } from "@/lib/auth/session";
import { ScanReceiver } from "@/components/receipt/ScanReceiver";

export const metadata: Metadata = { title: "Receive records" };

export default async function Page() {
  await requireAudience("practice");
  return (
    <>
      <h1>Receive records</h1>
      <p className="mb-6 max-w-3xl">Confirm each record as it arrives. Scan one bag after another: each scan is confirmed on its own. If a record is incomplete, damaged or another patient&apos;s, open it and report the problem.</p>
      <ScanReceiver />
    </>
  );
}
