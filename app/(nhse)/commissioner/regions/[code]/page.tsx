import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { db } from "@/lib/db/client";
import { requireAudience } from "@/lib/auth/session";
import { dashboardView } from "@/lib/dashboards/queries";
import { NotFoundError } from "@/lib/errors";
import { DashboardView } from "@/components/dashboards/DashboardView";

export const metadata: Metadata = { title: "Service performance: region" };

export default async function Page({ params, searchParams }: { params: Promise<{ code: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const actor = await requireAudience("nhse");
  const { code } = await params;
  const view = await dashboardView(db, actor, "REGION", code, await searchParams).catch((error: unknown) => {
    if (error instanceof NotFoundError) notFound();
    throw error;
  });
  return <DashboardView view={view} path={`/commissioner/regions/${encodeURIComponent(view.unit.code)}`} exportView="region" />;
}
