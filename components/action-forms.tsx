"use client";

import { useActionState } from "react";
import { Alert, SubmitButton } from "./form";
import type { FormState } from "./form-state";

export function Outcome({ state }: { state: FormState }) {
  if (state.notice) return <Alert tone="success">{state.notice}</Alert>;
  if (state.formError) return <Alert tone="error">{state.formError}</Alert>;
  return null;
}

/** One button that runs one action (reset password, deactivate, reactivate) and says what happened. */
export function ActionButton({ action, label }: { action: () => Promise<FormState>; label: string }) {
  const [state, formAction, pending] = useActionState<FormState>(action, {});
  return (
    <form action={formAction} className="space-y-3">
      <Outcome state={state} />
      <SubmitButton pending={pending}>{label}</SubmitButton>
    </form>
  );
}
