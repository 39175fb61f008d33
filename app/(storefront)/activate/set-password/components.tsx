"use client";

import { Alert, Field, SubmitButton } from "@/components/form";
import { useFormAction } from "@/components/use-form-action";
import type { PasswordPolicy } from "@/lib/passwords/policy";
import { newPasswordSchema } from "@/lib/shops/registration-form";
import { setPasswordAndActivateAction } from "./actions";

const secretFields = ["password", "confirmPassword"];

export function SetPasswordForm({ email, policy }: { email: string; policy: PasswordPolicy }) {
  const { state, formAction, pending, register, onSubmit, errorsFor } = useFormAction(
    setPasswordAndActivateAction,
    newPasswordSchema(policy, email),
    { secretFields },
  );
  return (
    <form action={formAction} onSubmit={onSubmit} noValidate className="space-y-4">
      {state.formError ? <Alert tone="error">{state.formError}</Alert> : null}
      <Field label="New password" type="password" autoComplete="new-password" required hint="At least 8 characters." errors={errorsFor("password")} {...register("password")} />
      <Field label="Confirm password" type="password" autoComplete="new-password" required errors={errorsFor("confirmPassword")} {...register("confirmPassword")} />
      <SubmitButton pending={pending}>Set password and activate</SubmitButton>
    </form>
  );
}
