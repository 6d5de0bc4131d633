import type { Metadata } from "next";
import type { ReactNode } from "react";
import "./globals.css";

export const metadata: Metadata = {
  title: { default: "Records movement portal", template: "%s – Records movement portal" },
  description: "Move paper GP records between practices, into storage and across borders, and see where every record is.",
  robots: { index: false, follow: false },
};

export default function RootLayout({ children }: { children: ReactNode }) {
  return (
    <html lang="en-GB">
      <body className="min-h-screen">
        <a href="#main-content" className="sr-only bg-nhs-yellow p-3 font-bold text-nhs-text focus:not-sr-only focus:absolute focus:left-2 focus:top-2 focus:z-50">
          Skip to main content
        </a>
        {children}
      </body>
    </html>
  );
}
