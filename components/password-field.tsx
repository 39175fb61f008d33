"use client";

import { useTranslations } from "next-intl";
import { useEffect, useMemo, useRef, useState, type ChangeEvent, type InputHTMLAttributes } from "react";
import type { PasswordPolicy } from "@/lib/passwords/policy";
import { passwordRuleChecks } from "@/lib/passwords/rules";
import { wordPasswordMessage } from "@/lib/passwords/words";
import { Field } from "./form";
import { PasswordChecklist } from "./password-checklist";
import { loadPasswordTools, type PasswordTools } from "./password-tools";
import { StrengthMeter } from "./strength-meter";
import { useHydrated } from "./use-hydrated";

type PasswordFieldProps = Omit<InputHTMLAttributes<HTMLInputElement>, "type"> & {
  label: string;
  name: string;
  errors?: string[] | string;
  /** react-hook-form's register() ref. */
  ref?: (element: HTMLInputElement | null) => void;
  /**
   * A new password under this policy: its rules listed beside the field and ticked as the person types, with a
   * strength meter. Without it (a confirmation), only the show/hide toggle.
   */
  policy?: PasswordPolicy;
  /** The account's e-mail (a rule, and a hint to the strength estimate), and other words of the person's own. */
  email?: string;
  userInputs?: string[];
};

/**
 * A password input with a show/hide toggle; for a new password also the policy's rules, ticked while typing (a
 * quiet summary for screen readers once typing pauses) and zxcvbn's strength, both loaded lazily. The server
 * checks the same rules again and decides.
 */
export function PasswordField({ policy, email = "", userInputs = [], ref, onChange, errors, ...input }: PasswordFieldProps) {
  const t = useTranslations("storefront.password");
  const wordedErrors = usePasswordErrors(errors);
  const hydrated = useHydrated();
  const [shown, setShown] = useState(false);
  const [password, setPassword] = useState("");
  const [tools, setTools] = useState<PasswordTools | null>(null);
  const [announcement, setAnnouncement] = useState("");
  const inputRef = useRef<HTMLInputElement | null>(null);
  const inputId = input.id ?? `field-${input.name}`;

  // Loaded when the person first types a new password.
  useEffect(() => {
    if (!policy || !password || tools) return;
    let live = true;
    loadPasswordTools().then(
      (loaded) => live && setTools(loaded),
      () => undefined,
    );
    return () => {
      live = false;
    };
  }, [policy, password, tools]);

  // The form empties password fields when the server answers with errors, without an input event: read it again.
  useEffect(() => {
    const timer = setTimeout(() => setPassword(inputRef.current?.value ?? ""), 0);
    return () => clearTimeout(timer);
  }, [errors]);

  const checks = useMemo(() => (policy ? passwordRuleChecks(password, email, policy, tools?.isCommon) : []), [policy, password, email, tools]);
  const inputsKey = [email, ...userInputs].join("\n");
  const score = useMemo(() => (tools && password ? tools.score(password, inputsKey.split("\n")) : null), [tools, password, inputsKey]);
  const summary = policy && password ? t("progress", { met: checks.filter((check) => check.met).length, total: checks.length }) : "";

  // Announced once typing pauses, not at every key.
  useEffect(() => {
    const timer = setTimeout(() => setAnnouncement(summary), 1500);
    return () => clearTimeout(timer);
  }, [summary]);

  const toggle = hydrated ? (
    <button
      type="button"
      aria-pressed={shown}
      aria-controls={inputId}
      onClick={() => setShown((value) => !value)}
      className="inline-flex shrink-0 items-center justify-center rounded-md border border-slate-400 bg-white px-3 text-slate-700 hover:bg-slate-50 focus:outline-none focus:ring-2 focus:ring-accent aria-pressed:bg-slate-100"
    >
      <span className="sr-only">{t("show")}</span>
      <EyeIcon crossed={shown} />
    </button>
  ) : null;

  return (
    <div className="space-y-2">
      <Field
        {...input}
        errors={wordedErrors}
        type={shown ? "text" : "password"}
        addon={toggle}
        ref={(element: HTMLInputElement | null) => {
          inputRef.current = element;
          ref?.(element);
        }}
        onChange={(event: ChangeEvent<HTMLInputElement>) => {
          setPassword(event.target.value);
          onChange?.(event);
        }}
        hint={policy ? <PasswordChecklist checks={checks} typed={password !== ""} /> : undefined}
      />
      {policy && password ? <StrengthMeter score={score} /> : null}
      {policy ? (
        <p className="sr-only" aria-live="polite">
          {announcement}
        </p>
      ) : null}
    </div>
  );
}

/**
 * A password field's errors with its policy's failures (lib/passwords/words.ts codes, from the browser's check or the
 * server's) worded in the reader's language; other messages as they are, for Field to word.
 */
export function usePasswordErrors(errors: string[] | string | undefined): string[] | string | undefined {
  const t = useTranslations("passwords");
  if (errors === undefined) return undefined;
  return Array.isArray(errors) ? errors.map((message) => wordPasswordMessage(t, message)) : wordPasswordMessage(t, errors);
}

function EyeIcon({ crossed }: { crossed: boolean }) {
  return (
    <svg aria-hidden="true" viewBox="0 0 24 24" className="h-5 w-5" fill="none" stroke="currentColor" strokeWidth="2" strokeLinecap="round" strokeLinejoin="round">
      <path d="M2 12s3.5-7 10-7 10 7 10 7-3.5 7-10 7S2 12 2 12Z" />
      <circle cx="12" cy="12" r="3" />
      {crossed ? <path d="M4 4l16 16" /> : null}
    </svg>
  );
}
