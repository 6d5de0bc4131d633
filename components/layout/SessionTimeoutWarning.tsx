"use client";
// Warns before the portal signs an idle user out, as GOV.UK and NHS services do: a modal dialog a couple of
// minutes before the end, saying when, with "Stay signed in" and "Sign out". Focus moves into the dialog (onto
// "Stay signed in"), the page behind is inert (a native <dialog> opened with showModal), Escape counts as
// "Stay signed in", and focus goes back where it was when the dialog closes. Screen readers hear the time left
// when it opens and then once a minute, not every second.
// The server decides (lib/auth/sessions.ts); this only keeps the user informed. Times come from the server as
// durations, so a wrong clock on the user's computer changes nothing.
import { useCallback, useEffect, useRef, useState } from "react";
import { usePathname } from "next/navigation";
import { signOut } from "next-auth/react";

export type SessionTimes = { idleMsLeft: number; msLeft: number; warningMs: number };
type Deadlines = { idleEndsAt: number; endsAt: number };

const deadlinesFrom = (t: { idleMsLeft: number; msLeft: number }): Deadlines => ({ idleEndsAt: Date.now() + t.idleMsLeft, endsAt: Date.now() + t.msLeft });

/** GET: when the session ends, without counting as activity; POST: stay signed in. "ended" on a 401. */
async function sessionTimes(method: "GET" | "POST"): Promise<Deadlines | "ended" | null> {
  try {
    const response = await fetch("/api/session", { method, cache: "no-store" });
    if (response.status === 401) return "ended";
    if (!response.ok) return null;
    const body = (await response.json()) as { idleMsLeft: number; msLeft: number };
    return deadlinesFrom(body);
  } catch {
    return null; // offline for a moment: keep the current deadlines
  }
}

function spoken(ms: number): string {
  const minutes = Math.ceil(ms / 60_000);
  return ms < 60_000 ? "less than a minute" : `${minutes} ${minutes === 1 ? "minute" : "minutes"}`;
}

function shown(ms: number): string {
  const seconds = Math.max(0, Math.ceil(ms / 1000));
  const m = Math.floor(seconds / 60);
  const s = seconds % 60;
  return [m ? `${m} ${m === 1 ? "minute" : "minutes"}` : null, s || !m ? `${s} ${s === 1 ? "second" : "seconds"}` : null].filter(Boolean).join(" ");
}

export function SessionTimeoutWarning({ initial }: { initial: SessionTimes }) {
  const [deadlines, setDeadlines] = useState<Deadlines>(() => deadlinesFrom(initial));
  const [now, setNow] = useState(() => Date.now());
  const [open, setOpen] = useState(false);
  const dialog = useRef<HTMLDialogElement>(null);
  const stay = useRef<HTMLButtonElement>(null);
  const returnFocus = useRef<Element | null>(null);
  const checking = useRef(false);
  const ending = useRef(false);
  const pathname = usePathname();
  const firstPath = useRef(pathname);
  const warningMs = initial.warningMs;
  const end = Math.min(deadlines.idleEndsAt, deadlines.endsAt);
  const absolute = deadlines.endsAt <= deadlines.idleEndsAt;
  const left = Math.max(0, end - now);

  const signOutNow = useCallback((timedOut: boolean) => {
    if (ending.current) return;
    ending.current = true;
    void signOut({ callbackUrl: timedOut ? "/sign-in?signedOut=idle" : "/sign-in" });
  }, []);

  // Moving to another page is activity on the server: learn the new deadlines.
  useEffect(() => {
    if (pathname === firstPath.current) return;
    firstPath.current = pathname;
    void sessionTimes("GET").then((d) => {
      if (d === "ended") signOutNow(true);
      else if (d) setDeadlines(d);
    });
  }, [pathname, signOutNow]);

  // While the dialog is closed, one timer wakes the page when the warning is due (nothing runs meanwhile); while
  // it is open, the countdown ticks every second.
  useEffect(() => {
    if (open) {
      const timer = window.setInterval(() => setNow(Date.now()), 1000);
      return () => window.clearInterval(timer);
    }
    const timer = window.setTimeout(() => setNow(Date.now()), Math.max(0, end - warningMs - Date.now()) + 50);
    return () => window.clearTimeout(timer);
  }, [open, end, warningMs]);

  useEffect(() => {
    if (left <= 0) {
      signOutNow(true);
      return;
    }
    if (left > warningMs || open || checking.current) return;
    // Another tab may have kept the session going: ask before warning.
    checking.current = true;
    void sessionTimes("GET").then((d) => {
      checking.current = false;
      if (d === "ended") return signOutNow(true);
      const next = d ?? deadlines;
      if (d) setDeadlines(d);
      if (Math.min(next.idleEndsAt, next.endsAt) - Date.now() <= warningMs) setOpen(true);
      else setNow(Date.now());
    });
  }, [left, warningMs, open, deadlines, signOutNow]);

  // Marks the dialog once this page is watching the clock (hydrated), so a test knows when time can be moved on.
  useEffect(() => {
    dialog.current?.setAttribute("data-watching", "");
  }, []);

  useEffect(() => {
    const d = dialog.current;
    if (!d) return;
    if (open && !d.open) {
      returnFocus.current = document.activeElement;
      d.showModal();
      stay.current?.focus();
    } else if (!open && d.open) {
      d.close();
      if (returnFocus.current instanceof HTMLElement) returnFocus.current.focus();
    }
  }, [open]);

  const staySignedIn = useCallback(async () => {
    if (absolute) {
      setOpen(false);
      return;
    }
    const d = await sessionTimes("POST");
    if (d === "ended") return signOutNow(true);
    if (d) setDeadlines(d);
    setOpen(false);
  }, [absolute, signOutNow]);

  return (
    <dialog
      ref={dialog}
      aria-labelledby="session-timeout-heading"
      aria-describedby="session-timeout-text"
      onCancel={(event) => {
        event.preventDefault();
        void staySignedIn();
      }}
      className="m-auto max-w-lg border-4 border-nhs-text bg-white p-6 backdrop:bg-black/60"
    >
      <h2 id="session-timeout-heading">You will be signed out soon</h2>
      <p id="session-timeout-text" className="mb-2">
        {absolute
          ? "For your security, sessions last a fixed time. Save your work: you will need to sign in again in "
          : "You have not used the portal for a while. For your security, we will sign you out in "}
        <span className="font-bold">{shown(left)}</span>.
      </p>
      <p className="sr-only" aria-live="polite">
        {open ? `You will be signed out in ${spoken(left)}.` : ""}
      </p>
      {!absolute ? <p className="mb-6">Anything you have not saved will be lost.</p> : null}
      <div className="flex flex-wrap gap-4">
        <button ref={stay} type="button" onClick={() => void staySignedIn()} className="rounded bg-nhs-green px-4 py-2 font-bold text-white shadow-[0_4px_0_#00401e]">
          {absolute ? "Continue" : "Stay signed in"}
        </button>
        <button type="button" onClick={() => signOutNow(false)} className="rounded border-2 border-nhs-text px-4 py-2 font-bold">
          Sign out
        </button>
      </div>
    </dialog>
  );
}
