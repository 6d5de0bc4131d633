"use client";
// The NHS pattern for a page showing errors: its title starts "Error: ", so a screen reader user hears at once that
// the submission failed. Rendered while the page shows an error summary or a refusal; the prefix goes when the last
// one does. The page's own title can arrive after this mounts (Next.js streams metadata, and sets the title again on
// a refresh), so the prefix is put back whenever the <title> changes while an error is shown.
import { useEffect } from "react";

const PREFIX = "Error: ";
let shown = 0;

function addPrefix() {
  if (shown > 0 && !document.title.startsWith(PREFIX)) document.title = `${PREFIX}${document.title}`;
}

export function ErrorTitle() {
  useEffect(() => {
    shown += 1;
    addPrefix();
    const observer = new MutationObserver(addPrefix);
    observer.observe(document.head, { subtree: true, childList: true, characterData: true });
    return () => {
      observer.disconnect();
      shown -= 1;
      if (shown === 0 && document.title.startsWith(PREFIX)) document.title = document.title.slice(PREFIX.length);
    };
  }, []);
  return null;
}
