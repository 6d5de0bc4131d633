"use client";
import { useActionState } from "react";
import { runJobNowAction, type RunJobState } from "@/lib/jobs/actions";
import { Button } from "@/components/ui/Button";

export function RunJobButton({ job, title }: { job: string; title: string }) {
  const [state, action, pending] = useActionState<RunJobState, FormData>(runJobNowAction, { status: "idle" });
  const message = state.message ?? state.formError ?? state.fieldErrors?.job?.[0];
  return (
    <form action={action}>
      <input type="hidden" name="job" value={job} />
      <Button type="submit" variant="secondary" disabled={pending} aria-describedby={message ? `run-${job}-status` : undefined}>
        Run now<span className="sr-only">: {title}</span>
      </Button>
      <p id={`run-${job}-status`} role="status" className={state.status === "error" ? "font-bold text-nhs-red" : ""}>
        {message ?? ""}
      </p>
    </form>
  );
}
