"use client";
// The NHS pattern for a page showing errors: its title starts "Error: ", so a screen reader user hears at once that
// the submission failed. Rendered while the page shows an error summary or a refusal; the prefix goes when it does.
import { useEffect } from "react";

const PREFIX = "Error: ";

export function ErrorTitle() {
  useEffect(() => {
    if (!document.title.startsWith(PREFIX)) document.title = `${PREFIX}${document.title}`;
    return () => {
      if (document.title.startsWith(PREFIX)) document.title = document.title.slice(PREFIX.length);
    };
  }, []);
  return null;
}
