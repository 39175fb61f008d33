"use client";

import { useActionState } from "react";
import { ConfirmDialog, type Confirmation } from "./confirm-dialog";
import { Alert, SubmitButton } from "./form";
import type { FormState } from "./form-state";

export function Outcome({ state }: { state: FormState }) {
  if (state.notice) return <Alert tone="success">{state.notice}</Alert>;
  if (state.formError) return <Alert tone="error">{state.formError}</Alert>;
  return null;
}

/**
 * One button that runs one action (reset password, deactivate, reactivate) and says what happened. With a
 * confirmation it asks first: in a dialog, or without JavaScript on the confirmation's own page.
 */
export function ActionButton({ action, label, confirm }: { action: () => Promise<FormState>; label: string; confirm?: Confirmation }) {
  const [state, formAction, pending] = useActionState<FormState>(action, {});
  if (confirm) {
    return (
      <div className="space-y-3">
        <Outcome state={state} />
        <ConfirmDialog label={label} confirmation={confirm} formAction={formAction} pending={pending} />
      </div>
    );
  }
  return (
    <form action={formAction} className="space-y-3">
      <Outcome state={state} />
      <SubmitButton pending={pending}>{label}</SubmitButton>
    </form>
  );
}
