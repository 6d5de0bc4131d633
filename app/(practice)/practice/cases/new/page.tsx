import type { Metadata } from "next";
import { requireAudience } from "@/lib/auth/session";
import { CASE_KINDS } from "@/lib/cases/kinds";
import { BackLink } from "@/components/ui/BackLink";
import { RaiseCaseForm } from "@/components/cases/RaiseCaseForm";

export const metadata: Metadata = { title: "Raise a case" };

const REFERENCE = /^RM-[0-9A-Z]{4}-[0-9A-Z]{4}$/;

export default async function Page({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  await requireAudience("practice");
  // From a movement's page: "Report that it has not arrived" names the kind and the movement (a reference, never a
  // patient identifier, is all the URL holds).
  const { kind, reference } = await searchParams;
  const chosenKind = typeof kind === "string" && (CASE_KINDS as readonly string[]).includes(kind) ? kind : undefined;
  const chosenReference = typeof reference === "string" && REFERENCE.test(reference) ? reference : undefined;
  return (
    <>
      <BackLink href={chosenReference ? `/practice/movements/${chosenReference}` : "/practice/cases"}>{chosenReference ? `Back to ${chosenReference}` : "Back to cases"}</BackLink>
      <h1>Raise a case with PCSE</h1>
      <p className="mb-6 max-w-3xl">PCSE works the case against its service levels and you can follow it, and answer, on the case&apos;s page. When the case is about a record, the other practice on it is told too.</p>
      <RaiseCaseForm kind={chosenKind} reference={chosenReference} />
    </>
  );
}
