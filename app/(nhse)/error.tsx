"use client";
import { ErrorContent } from "@/components/layout/ErrorContent";

// An error in a page of this audience: shown inside the audience's layout, which has the header and <main>.
export default function ErrorPage({ error }: { error: Error & { digest?: string } }) {
  return <ErrorContent digest={error.digest} />;
}
