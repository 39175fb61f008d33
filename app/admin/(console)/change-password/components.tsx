"use client";

import { Alert, Field, SubmitButton } from "@/components/form";
import { PasswordRulesHint } from "@/components/new-password-form";
import { usePasswordErrors } from "@/components/password-field";
import { useFormAction } from "@/components/use-form-action";
import type { PasswordPolicy } from "@/lib/passwords/policy";
import { changePasswordSchema } from "@/lib/staff/forms";
import { changePasswordAction } from "./actions";

const secretFields = ["currentPassword", "newPassword", "confirmNewPassword"];

export function ChangePasswordForm({ policy, email }: { policy: PasswordPolicy; email: string }) {
  const { state, formAction, pending, register, onSubmit, errorsFor } = useFormAction(
    changePasswordAction,
    changePasswordSchema(policy, email),
    { secretFields },
  );
  return (
    <form action={formAction} onSubmit={onSubmit} noValidate className="space-y-4">
      {state.formError ? <Alert tone="error">{state.formError}</Alert> : null}
      <Field label="Current password" type="password" autoComplete="current-password" required errors={errorsFor("currentPassword")} {...register("currentPassword")} />
      <Field
        label="New password"
        type="password"
        autoComplete="new-password"
        required
        hint={<PasswordRulesHint policy={policy} />}
        errors={usePasswordErrors(errorsFor("newPassword"))}
        {...register("newPassword")}
      />
      <Field label="Confirm new password" type="password" autoComplete="new-password" required errors={errorsFor("confirmNewPassword")} {...register("confirmNewPassword")} />
      <SubmitButton pending={pending}>Change password</SubmitButton>
    </form>
  );
}
