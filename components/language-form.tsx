"use client";

import { useActionState } from "react";
import { localeNames, type Locale } from "@/i18n/locales";
import { Alert, SelectField, SubmitButton } from "./form";
import type { FormState } from "./form-state";

/** "Language" on a person's own page (customers on My account, business users on /admin): why, a select and Save. */
export function LanguageForm({
  action,
  current,
  offered,
  text,
}: {
  action: (previous: FormState, formData: FormData) => Promise<FormState>;
  current: Locale;
  offered: readonly Locale[];
  text: { heading: string; intro: string; label: string; submit: string };
}) {
  const [state, formAction, pending] = useActionState<FormState, FormData>(action, {});
  return (
    <section aria-labelledby="language-heading" className="space-y-3">
      <h2 id="language-heading" className="text-lg font-semibold">
        {text.heading}
      </h2>
      <p className="text-slate-700">{text.intro}</p>
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
    </section>
  );
}
