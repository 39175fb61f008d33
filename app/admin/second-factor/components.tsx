"use client";

import { useTranslations } from "next-intl";
import Link from "next/link";
import { useActionState, type ReactNode } from "react";
import { Alert, Field, SubmitButton } from "@/components/form";
import { LinkButtonForm } from "@/components/link-button-form";
import type { FormState } from "@/components/form-state";
import { beginSetUpAction, confirmSetUpAction, verifySecondFactorAction, type SetUpState } from "./actions";

/** The code field of both steps: digits from an app, filled in by the browser or a password manager where it can. */
function CodeField({ label, errors, recovery = false }: { label: string; errors?: string[]; recovery?: boolean }) {
  return (
    <Field
      label={label}
      name="code"
      type="text"
      required
      autoFocus
      spellCheck={false}
      autoCapitalize="none"
      {...(recovery
        ? { autoComplete: "off", maxLength: 40 }
        : { autoComplete: "one-time-code", inputMode: "numeric" as const, pattern: "[0-9 ]*", maxLength: 7 })}
      errors={errors}
      className="block w-full max-w-xs rounded-md border border-slate-400 bg-white px-3 py-2 font-mono text-lg tracking-widest text-slate-900 focus:border-accent focus:outline-none focus:ring-2 focus:ring-accent aria-[invalid=true]:border-red-700"
    />
  );
}

export function VerifyCodeForm({ recovery }: { recovery: boolean }) {
  const t = useTranslations("secondFactor.verify");
  const [state, formAction, pending] = useActionState<FormState, FormData>(verifySecondFactorAction, {});
  return (
    <form action={formAction} noValidate className="space-y-4">
      {state.formError ? <Alert tone="error">{state.formError}</Alert> : null}
      {recovery ? <input type="hidden" name="method" value="recovery" /> : null}
      <CodeField label={t(recovery ? "recoveryLabel" : "codeLabel")} errors={state.fieldErrors?.code} recovery={recovery} />
      <SubmitButton pending={pending}>{t("submit")}</SubmitButton>
    </form>
  );
}

/** The key as people copy it by hand: groups of four. */
function grouped(secret: string): string {
  return secret.match(/.{1,4}/g)?.join(" ") ?? secret;
}

type SetUpProps = {
  /** No set-up begun ("start"), a key waiting for its first code ("confirm"), or the factor already on ("on"). */
  phase: "start" | "confirm" | "on";
  secret?: string;
  /** The QR code, drawn on the server. */
  qr?: ReactNode;
  /** Where "Continue" leads once the factor is on. */
  next: string;
};

/**
 * Set-up in one place, so that the answer of "Turn on" (the recovery codes) survives the page being drawn again once
 * the factor is on, with JavaScript or without: start → scan or type the key → confirm with a code → the codes, once.
 */
export function SetUpSteps({ phase, secret, qr, next }: SetUpProps) {
  const t = useTranslations("secondFactor.setUp");
  const [state, formAction, pending] = useActionState<SetUpState, FormData>(confirmSetUpAction, {});
  if (state.recoveryCodes) {
    return (
      <div className="space-y-4">
        <Alert tone="success">{t("doneTitle")}</Alert>
        <p className="text-slate-700">{t("codesIntro")}</p>
        <p className="font-medium text-slate-900">{t("codesNote")}</p>
        <ul aria-label={t("codesLabel")} className="grid max-w-sm grid-cols-2 gap-2 rounded-md border border-slate-300 bg-slate-50 p-4 font-mono">
          {state.recoveryCodes.map((code) => (
            <li key={code}>{code}</li>
          ))}
        </ul>
        <p>
          <Link href={next}>{t("continue")}</Link>
        </p>
      </div>
    );
  }
  if (phase === "on") {
    return (
      <div className="space-y-4">
        <Alert tone="info">{t("alreadyOn")}</Alert>
        <p>
          <Link href={next}>{t("back")}</Link>
        </p>
      </div>
    );
  }
  if (phase === "start" || !secret) {
    return (
      <form action={beginSetUpAction}>
        <SubmitButton>{t("start")}</SubmitButton>
      </form>
    );
  }
  return (
    <div className="space-y-6">
      <ol className="list-decimal space-y-6 pl-5">
        <li className="space-y-3">
          <p>{t("scan")}</p>
          <div className="inline-block rounded-md border border-slate-300 bg-white p-2">{qr}</div>
          <p className="text-slate-700">{t("keyIntro")}</p>
          <p>
            <span className="sr-only">{t("keyLabel")}: </span>
            <code data-testid="totp-secret" className="rounded bg-slate-100 px-2 py-1 font-mono text-lg break-all">
              {grouped(secret)}
            </code>
          </p>
        </li>
        <li className="space-y-3">
          <p>{t("confirmIntro")}</p>
          <form action={formAction} noValidate className="space-y-4">
            {state.formError ? <Alert tone="error">{state.formError}</Alert> : null}
            <CodeField label={t("codeLabel")} errors={state.fieldErrors?.code} />
            <SubmitButton pending={pending}>{t("confirm")}</SubmitButton>
          </form>
        </li>
      </ol>
      <LinkButtonForm action={beginSetUpAction}>{t("restart")}</LinkButtonForm>
    </div>
  );
}
