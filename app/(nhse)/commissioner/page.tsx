import type { Metadata } from "next";
import { db } from "@/lib/db/client";
import { requireAudience } from "@/lib/auth/session";
import { dashboardView } from "@/lib/dashboards/queries";
import { DashboardView } from "@/components/dashboards/DashboardView";

export const metadata: Metadata = { title: "Service performance" };

export default async function Page({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const actor = await requireAudience("nhse");
  const view = await dashboardView(db, actor, "NATIONAL", null, await searchParams);
  return <DashboardView view={view} path="/commissioner" exportView="national" />;
}
