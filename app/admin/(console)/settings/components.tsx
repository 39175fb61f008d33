"use client";

import { useTranslations } from "next-intl";
import { useActionState, useState } from "react";
import { Alert, Field, SubmitButton } from "@/components/form";
import type { FormState } from "@/components/form-state";
import { PasswordRulesHint } from "@/components/new-password-form";
import { saveManagerRegexAction, saveSecondFactorRequiredAction } from "./actions";

/** The preference's own name, the same in every language. */
const MANAGER_PASSWORD_REGEX = "MANAGER_PASSWORD_REGEX";

export function ManagerRegexForm({ pattern }: { pattern: string }) {
  const t = useTranslations("settings.index.managerRegex");
  const [state, formAction, pending] = useActionState<FormState, FormData>(saveManagerRegexAction, {});
  // The rules follow what is typed, so the admin sees in words what a pattern will ask before saving it.
  const [typed, setTyped] = useState(state.values?.pattern ?? pattern);
  return (
    <form action={formAction} className="space-y-4">
      {state.notice ? <Alert tone="success">{state.notice}</Alert> : null}
      <Field
        label={MANAGER_PASSWORD_REGEX}
        name="pattern"
        type="text"
        spellCheck={false}
        autoComplete="off"
        defaultValue={state.values?.pattern ?? pattern}
        onChange={(event) => setTyped(event.target.value)}
        errors={state.fieldErrors?.pattern}
        hint={
          <>
            <p>{t("hint")}</p>
            <PasswordRulesHint policy={{ regex: typed.trim() }} intro={t("rulesIntro")} />
          </>
        }
        className="block w-full rounded-md border border-slate-400 bg-white px-3 py-2 font-mono text-slate-900"
      />
      <SubmitButton pending={pending}>{t("save")}</SubmitButton>
    </form>
  );
}

export function SecondFactorRequiredForm({ required }: { required: boolean }) {
  const t = useTranslations("secondFactor.settings");
  const [state, formAction, pending] = useActionState<FormState, FormData>(saveSecondFactorRequiredAction, {});
  return (
    <form action={formAction} className="space-y-4">
      {state.notice ? <Alert tone="success">{state.notice}</Alert> : null}
      {state.formError ? <Alert tone="error">{state.formError}</Alert> : null}
      <div className="space-y-1">
        {/* Sent whether or not the box is ticked (a ticked box adds "on"): a post without it is no form of ours. */}
        <input type="hidden" name="required" value="off" />
        <label className="flex items-center gap-2 font-medium text-slate-800">
          <input
            type="checkbox"
            name="required"
            value="on"
            defaultChecked={required}
            aria-describedby="second-factor-required-hint"
            className="h-4 w-4 rounded border-slate-400 focus:ring-2 focus:ring-blue-700"
          />
          {t("label")}
        </label>
        <p id="second-factor-required-hint" className="text-sm text-slate-600">
          {t("hint")}
        </p>
      </div>
      <SubmitButton pending={pending}>{t("save")}</SubmitButton>
    </form>
  );
}
