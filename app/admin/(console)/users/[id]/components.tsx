"use client";

import { useActionState } from "react";
import { Alert, CheckboxGroup, SubmitButton } from "@/components/form";
import type { FormState } from "@/components/form-state";
import { staffRoles } from "@/db/schema-enums";
import { roleLabels } from "@/lib/staff/forms";

const roleOptions = staffRoles.map((role) => ({ value: role, label: roleLabels[role] }));

function Outcome({ state }: { state: FormState }) {
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

export function RolesForm({ action, roles }: { action: (state: FormState, formData: FormData) => Promise<FormState>; roles: string[] }) {
  const [state, formAction, pending] = useActionState<FormState, FormData>(action, {});
  return (
    <form action={formAction} className="space-y-3">
      <Outcome state={state} />
      <CheckboxGroup legend="Roles" name="roles" options={roleOptions} defaultValues={roles} errors={state.fieldErrors?.roles} />
      <SubmitButton pending={pending}>Save roles</SubmitButton>
    </form>
  );
}
