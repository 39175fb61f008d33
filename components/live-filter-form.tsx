"use client";

import { usePathname, useRouter } from "next/navigation";
import { useEffect, useRef, type ChangeEvent, type FormEvent, type ReactNode } from "react";
import { useHydrated } from "./use-hydrated";

/** How long typing rests before the list follows it; choices in a select apply at once. */
const TYPING_PAUSE_MS = 300;

/**
 * A list's filters as a GET form that applies itself as it changes when JavaScript runs (the results follow the
 * fields; a new filter starts at the first page; no button to press), and applies with its submit button when it
 * does not.
 */
export function LiveFilterForm({ label, submitLabel, children, className }: { label: string; submitLabel: string; children: ReactNode; className?: string }) {
  const router = useRouter();
  const pathname = usePathname();
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  // Rendered on the server with its button; once JavaScript runs the fields apply themselves and the button goes.
  const live = useHydrated();

  useEffect(() => () => clearTimeout(timer.current), []);

  const apply = (form: HTMLFormElement) => {
    const query = new URLSearchParams();
    for (const [name, value] of new FormData(form)) {
      if (typeof value === "string" && value.trim()) query.set(name, value);
    }
    const text = query.toString();
    router.replace(text ? `${pathname}?${text}` : pathname, { scroll: false });
  };

  const onChange = (event: ChangeEvent<HTMLFormElement>) => {
    const form = event.currentTarget;
    const typed = event.target instanceof HTMLInputElement && event.target.type !== "checkbox" && event.target.type !== "radio";
    clearTimeout(timer.current);
    timer.current = setTimeout(() => apply(form), typed ? TYPING_PAUSE_MS : 0);
  };

  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    clearTimeout(timer.current);
    apply(event.currentTarget);
  };

  return (
    <form method="get" role="search" aria-label={label} onChange={onChange} onSubmit={onSubmit} className={className ?? "flex flex-wrap items-end gap-4"}>
      {children}
      <button
        type="submit"
        hidden={live}
        className="rounded-md border border-slate-400 bg-white px-4 py-2 text-sm font-medium text-slate-900 hover:bg-slate-100 focus:outline-none focus:ring-2 focus:ring-blue-700"
      >
        {submitLabel}
      </button>
    </form>
  );
}
