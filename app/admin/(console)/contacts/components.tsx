"use client";

import { usePathname, useRouter, useSearchParams } from "next/navigation";
import { useEffect, useRef, useState } from "react";

/** Type-ahead: the results follow the search box as the agent types (the form still works without JavaScript). */
export function SearchBox({ initial }: { initial: string }) {
  const router = useRouter();
  const pathname = usePathname();
  const params = useSearchParams();
  const [value, setValue] = useState(initial);
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);

  useEffect(() => () => clearTimeout(timer.current), []);

  const onChange = (next: string) => {
    setValue(next);
    clearTimeout(timer.current);
    timer.current = setTimeout(() => {
      const query = new URLSearchParams(params.toString());
      if (next.trim()) query.set("q", next);
      else query.delete("q");
      query.delete("after");
      router.replace(`${pathname}?${query.toString()}`);
    }, 250);
  };

  return (
    <div className="space-y-1">
      <label htmlFor="q" className="block text-sm font-medium">
        Search
      </label>
      <input
        id="q"
        name="q"
        type="search"
        value={value}
        onChange={(event) => onChange(event.target.value)}
        placeholder="E-mail or name"
        aria-describedby="q-hint"
        autoComplete="off"
        className="w-72 rounded-md border border-slate-400 px-3 py-2"
      />
      <p id="q-hint" className="text-xs text-slate-600">
        At least 3 characters of an e-mail address or name.
      </p>
    </div>
  );
}
