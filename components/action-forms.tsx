"use client";

import { useActionState, useEffect, useSyncExternalStore } from "react";
import { ConfirmDialog, type Confirmation } from "./confirm-dialog";
import { Alert, SubmitButton } from "./form";
import type { FormState } from "./form-state";

/**
 * One outcome on the page at a time: each answer an action gives gets a number when it arrives, and only the latest
 * is shown, so the forms of a detail page do not pile up their messages. Without JavaScript each post renders one
 * answer anyway; in the server render nothing is numbered, so every outcome there shows.
 */
let latestOutcome = 0;
const outcomeNumbers = new WeakMap<FormState, number>();
const outcomeListeners = new Set<() => void>();

function subscribeToOutcomes(listener: () => void): () => void {
  outcomeListeners.add(listener);
  return () => outcomeListeners.delete(listener);
}

function numberOutcome(state: FormState): void {
  if (outcomeNumbers.has(state)) return;
  latestOutcome += 1;
  outcomeNumbers.set(state, latestOutcome);
  for (const listener of outcomeListeners) listener();
}

export function Outcome({ state }: { state: FormState }) {
  const latest = useSyncExternalStore(subscribeToOutcomes, () => latestOutcome, () => 0);
  const shown = Boolean(state.notice || state.formError);
  useEffect(() => {
    if (shown) numberOutcome(state);
  }, [state, shown]);
  const number = outcomeNumbers.get(state);
  if (number !== undefined && number !== latest) return null;
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
