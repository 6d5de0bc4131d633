import type { Metadata } from "next";
import Link from "next/link";
import { db } from "@/lib/db/client";
import { requireAudience } from "@/lib/auth/session";
import { listPracticeCases } from "@/lib/cases/queries";
import { formatNumber } from "@/lib/format";
import { ButtonLink } from "@/components/ui/ButtonLink";
import { Pagination } from "@/components/ui/Pagination";
import { PracticeCaseTable } from "@/components/cases/PracticeCaseTable";

export const metadata: Metadata = { title: "Cases" };

const SHOW_LABELS = { open: "Open cases", closed: "Resolved and closed", all: "All cases" } as const;

export default async function Page({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const actor = await requireAudience("practice");
  const { show, page } = await searchParams;
  const r = await listPracticeCases(db, actor, { show, page });
  return (
    <>
      <h1>Cases</h1>
      <p className="mb-4">Problems PCSE is resolving with your practice: records not arrived or wrong, labels, collections, and PCSE&apos;s other services. You see what PCSE has done on each.</p>
      <p className="mb-6">
        <ButtonLink href="/practice/cases/new">Raise a case</ButtonLink>
      </p>
      {r.waitingForYou ? (
        <p className="mb-6 border-l-8 border-nhs-warm-yellow bg-white p-4 font-bold">
          {formatNumber(r.waitingForYou)} {r.waitingForYou === 1 ? "case is" : "cases are"} waiting for your practice: shown first.
        </p>
      ) : null}
      <nav aria-label="Which cases" className="mb-6">
        <ul className="flex flex-wrap gap-x-6 gap-y-2">
          {(Object.keys(SHOW_LABELS) as (keyof typeof SHOW_LABELS)[]).map((s) => (
            <li key={s}>
              <Link href={s === "open" ? "/practice/cases" : `/practice/cases?show=${s}`} aria-current={r.show === s ? "page" : undefined} className={r.show === s ? "font-bold" : ""}>
                {SHOW_LABELS[s]}
              </Link>
            </li>
          ))}
        </ul>
      </nav>
      <PracticeCaseTable rows={r.rows} caption={`${SHOW_LABELS[r.show]}: waiting for your practice first, then by due date`} />
      <Pagination page={r.page} pageCount={r.pageCount} total={r.total} basePath="/practice/cases" noun={r.total === 1 ? "case" : "cases"} params={r.show === "open" ? {} : { show: r.show }} />
    </>
  );
}
