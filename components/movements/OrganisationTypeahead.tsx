"use client";
// Destination look-up as an ARIA 1.2 combobox (list autocomplete). Keyboard: type, Down/Up to move, Enter to
// choose, Escape to close. Without JavaScript it is a plain text field that takes an ODS code.
import { useEffect, useId, useRef, useState } from "react";
import { KIND_LABELS } from "@/lib/movements/labels";
import type { OrganisationKind } from "@/lib/db/generated/enums";

export type Option = { odsCode: string; name: string; kind: OrganisationKind; postcode: string | null; town: string | null };

/** `initialChosen`: the organisation the code in `defaultValue` names (e.g. when a form comes back with errors), so
 * the field says again which one was chosen, by name. */
export function OrganisationTypeahead({ id, name, defaultValue, initialChosen, error, describedBy, label = "Sending to" }: { id: string; name: string; defaultValue?: string; initialChosen?: Option; error?: string; describedBy?: string; label?: string }) {
  const [query, setQuery] = useState(defaultValue ?? "");
  const [options, setOptions] = useState<Option[]>([]);
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(-1);
  const [chosen, setChosen] = useState<Option | null>(initialChosen && initialChosen.odsCode === (defaultValue ?? "").trim().toUpperCase() ? initialChosen : null);
  const [status, setStatus] = useState("");
  const listId = useId();
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const inflight = useRef<AbortController | null>(null);

  useEffect(
    () => () => {
      if (timer.current) clearTimeout(timer.current);
      inflight.current?.abort();
    },
    [],
  );

  /** Debounced look-up, started from the change handler (no effect needed). */
  function search(value: string) {
    if (timer.current) clearTimeout(timer.current);
    inflight.current?.abort();
    const q = value.trim();
    // A long run of digits is no ODS code, name or postcode, and may be an NHS number typed in the wrong box:
    // it must not go into a URL.
    if (q.length < 2 || /\d{6,}/.test(q.replace(/[\s-]/g, ""))) {
      setOptions([]);
      setOpen(false);
      return;
    }
    timer.current = setTimeout(async () => {
      const controller = new AbortController();
      inflight.current = controller;
      try {
        const response = await fetch(`/api/organisations?q=${encodeURIComponent(q)}`, { signal: controller.signal });
        if (!response.ok) return;
        const body = (await response.json()) as { organisations: Option[] };
        setOptions(body.organisations);
        setOpen(true);
        setActive(-1);
        setStatus(body.organisations.length ? `${body.organisations.length} organisations found. Use the up and down arrows to choose.` : "No organisation found");
      } catch {
        /* aborted or offline: the field still takes an ODS code */
      }
    }, 200);
  }

  function choose(option: Option) {
    if (timer.current) clearTimeout(timer.current);
    setQuery(option.odsCode);
    setChosen(option);
    setOpen(false);
    setActive(-1);
    setStatus(`${option.name} chosen`);
  }

  function onKeyDown(event: React.KeyboardEvent<HTMLInputElement>) {
    if (!open || options.length === 0) {
      if (event.key === "ArrowDown" && options.length) setOpen(true);
      return;
    }
    if (event.key === "ArrowDown") {
      event.preventDefault();
      setActive((a) => (a + 1) % options.length);
    } else if (event.key === "ArrowUp") {
      event.preventDefault();
      setActive((a) => (a <= 0 ? options.length - 1 : a - 1));
    } else if (event.key === "Enter" && active >= 0) {
      event.preventDefault();
      choose(options[active]);
    } else if (event.key === "Escape") {
      setOpen(false);
    }
  }

  const optionId = (i: number) => `${listId}-option-${i}`;
  return (
    <div className="relative">
      <input
        id={id}
        name={name}
        type="text"
        role="combobox"
        aria-autocomplete="list"
        aria-expanded={open}
        aria-controls={listId}
        aria-activedescendant={active >= 0 ? optionId(active) : undefined}
        aria-describedby={[describedBy, chosen ? `${id}-chosen` : null].filter(Boolean).join(" ") || undefined}
        aria-invalid={error ? true : undefined}
        autoComplete="off"
        spellCheck={false}
        value={query}
        maxLength={60}
        onChange={(e) => {
          setQuery(e.target.value);
          setChosen(null);
          search(e.target.value);
        }}
        onKeyDown={onKeyDown}
        onBlur={() => setTimeout(() => setOpen(false), 150)}
        className={`mt-1 block w-full max-w-xl border-2 bg-white p-2 ${error ? "border-nhs-red" : "border-nhs-text"}`}
      />
      <ul id={listId} role="listbox" aria-label="Matching organisations" hidden={!open || options.length === 0} className="absolute z-10 mt-1 max-h-80 w-full max-w-xl overflow-auto border-2 border-nhs-text bg-white shadow-lg">
        {options.map((o, i) => (
          <li
            key={o.odsCode}
            id={optionId(i)}
            role="option"
            aria-selected={i === active}
            onMouseDown={(e) => {
              e.preventDefault();
              choose(o);
            }}
            className={`cursor-pointer border-b border-nhs-grey-4 p-2 ${i === active ? "bg-nhs-blue text-white" : ""}`}
          >
            <span className="font-bold">{o.name}</span> ({o.odsCode})
            <span className="block text-nhs-small">
              {KIND_LABELS[o.kind]}
              {o.town ? `, ${o.town}` : ""}
              {o.postcode ? `, ${o.postcode}` : ""}
            </span>
          </li>
        ))}
      </ul>
      {chosen ? (
        <p id={`${id}-chosen`} className="mt-2 border-l-4 border-nhs-green bg-white p-2">
          {label} <span className="font-bold">{chosen.name}</span> ({chosen.odsCode}){chosen.postcode ? `, ${chosen.postcode}` : ""}
        </p>
      ) : null}
      <p className="sr-only" role="status" aria-live="polite">
        {status}
      </p>
    </div>
  );
}
