import type { Metadata } from "next";
import { db } from "@/lib/db/client";
import { requireAudience } from "@/lib/auth/session";
import { latestPolicy } from "@/lib/service-levels/queries";
import { policyGroups, policyTables } from "@/lib/service-levels/form";
import { londonDate } from "@/lib/nhs/working-days";
import { BackLink } from "@/components/ui/BackLink";
import { PolicyForm } from "@/components/service-levels/PolicyForm";

export const metadata: Metadata = { title: "New service-level policy version" };

export default async function Page() {
  const actor = await requireAudience("admin");
  const latest = await latestPolicy(db, actor);
  const [year, month, day] = londonDate(new Date()).split("-");
  return (
    <>
      <BackLink href="/admin/service-levels">Service levels</BackLink>
      <h1>New version of the service-level policy</h1>
      <PolicyForm
        copiedFrom={latest.version}
        tables={policyTables(latest.rules)}
        groups={policyGroups(latest.rules)}
        pauses={{ movementHeld: latest.rules.movementPauses.statuses.includes("HELD_AT_PRACTICE"), cases: latest.rules.casePauses.statuses }}
        today={{ day: String(Number(day)), month: String(Number(month)), year }}
      />
    </>
  );
}
