"use client";

import { useActionState, useState } from "react";
import { Alert, Field, SubmitButton } from "@/components/form";
import type { FormState } from "@/components/form-state";
import { PasswordRulesHint } from "@/components/new-password-form";
import { saveManagerRegexAction } from "./actions";

export function ManagerRegexForm({ pattern }: { pattern: string }) {
  const [state, formAction, pending] = useActionState<FormState, FormData>(saveManagerRegexAction, {});
  // The rules follow what is typed, so the admin sees in words what a pattern will ask before saving it.
  const [typed, setTyped] = useState(state.values?.pattern ?? pattern);
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
        onChange={(event) => setTyped(event.target.value)}
        errors={state.fieldErrors?.pattern}
        hint={
          <>
            <p>A JavaScript regular expression that every business user&apos;s new password must match.</p>
            <PasswordRulesHint policy={{ regex: typed.trim() }} intro="With this pattern, a new password needs:" />
          </>
        }
        className="block w-full rounded-md border border-slate-400 bg-white px-3 py-2 font-mono text-slate-900"
      />
      <SubmitButton pending={pending}>Save</SubmitButton>
    </form>
  );
}
