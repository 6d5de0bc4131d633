import type { ReactNode } from "react";
import { AudienceLayout } from "@/components/layout/AudienceLayout";

export default function Layout({ children }: { children: ReactNode }) {
  return <AudienceLayout audience="pcse">{children}</AudienceLayout>;
}
