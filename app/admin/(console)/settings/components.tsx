"use client";

import { useActionState } from "react";
import { Alert, Field, SubmitButton } from "@/components/form";
import type { FormState } from "@/components/form-state";
import { saveManagerRegexAction } from "./actions";

export function ManagerRegexForm({ pattern }: { pattern: string }) {
  const [state, formAction, pending] = useActionState<FormState, FormData>(saveManagerRegexAction, {});
  return (
    <form action={formAction} className="space-y-4">
      {state.notice ? <Alert tone="success">{state.notice}</Alert> : null}
      <Field
        label="MANAGER_PASSWORD_REGEX"
        name="pattern"
        type="text"
        spellCheck={false}
        autoComplete="off"
        defaultValue={state.values?.pattern ?? pattern}
        errors={state.fieldErrors?.pattern}
        hint="A JavaScript regular expression that every business user's new password must match, besides 8–128 characters, not a common password and not the e-mail address."
        className="block w-full rounded-md border border-slate-400 bg-white px-3 py-2 font-mono text-slate-900"
      />
      <SubmitButton pending={pending}>Save</SubmitButton>
    </form>
  );
}
