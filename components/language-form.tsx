"use client";

import { useActionState } from "react";
import { localeNames, type Locale } from "@/i18n/locales";
import { Alert, SelectField, SubmitButton } from "./form";
import type { FormState } from "./form-state";

/** A person's own language (customers on My account, business users on their own page): a select and Save. */
export function LanguageForm({
  action,
  current,
  offered,
  text,
}: {
  action: (previous: FormState, formData: FormData) => Promise<FormState>;
  current: Locale;
  offered: readonly Locale[];
  text: { label: string; submit: string };
}) {
  const [state, formAction, pending] = useActionState<FormState, FormData>(action, {});
  return (
    <form action={formAction} className="space-y-4">
      {state.notice ? <Alert tone="success">{state.notice}</Alert> : null}
      {state.formError ? <Alert tone="error">{state.formError}</Alert> : null}
      <SelectField
        label={text.label}
        name="locale"
        defaultValue={current}
        options={offered.map((locale) => ({ value: locale, label: localeNames[locale] }))}
        errors={state.fieldErrors?.locale}
      />
      <SubmitButton pending={pending}>{text.submit}</SubmitButton>
    </form>
  );
}
