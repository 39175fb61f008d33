"use client";

import Link from "next/link";
import { useActionState } from "react";
import { Alert, Field, SubmitButton } from "@/components/form";
import type { FormState } from "@/components/form-state";
import { useFormAction } from "@/components/use-form-action";
import type { PasswordPolicy } from "@/lib/passwords/policy";
import { newPasswordSchema } from "@/lib/shops/registration-form";
import { resetPasswordAction } from "./actions";

const secretFields = ["password", "confirmPassword"];

/** "New password" and "Confirm password"; the server applies the shop's policy and the common-password list. */
export function NewPasswordForm({ email, policy }: { email: string; policy: PasswordPolicy }) {
  const { state, formAction, pending, register, onSubmit, errorsFor } = useFormAction(
    resetPasswordAction,
    newPasswordSchema(policy, email),
    { secretFields },
  );
  return (
    <form action={formAction} onSubmit={onSubmit} noValidate className="space-y-4">
      {state.formError ? (
        <Alert tone="error">
          {state.formError} {state.fieldErrors ? null : <Link href="/forgot-password">Request a new link</Link>}
        </Alert>
      ) : null}
      <Field
        label="New password"
        type="password"
        autoComplete="new-password"
        required
        hint="At least 8 characters."
        errors={errorsFor("password")}
        {...register("password")}
      />
      <Field
        label="Confirm password"
        type="password"
        autoComplete="new-password"
        required
        errors={errorsFor("confirmPassword")}
        {...register("confirmPassword")}
      />
      <SubmitButton pending={pending}>Set password</SubmitButton>
    </form>
  );
}

/** Automatic mode: a POST (never the link's GET) asks for a generated password. */
export function GeneratedPasswordForm() {
  const [state, formAction, pending] = useActionState<FormState, FormData>(resetPasswordAction, {});
  return (
    <form action={formAction} className="space-y-4">
      {state.formError ? <Alert tone="error">{state.formError}</Alert> : null}
      <SubmitButton pending={pending}>Send me a new password</SubmitButton>
    </form>
  );
}
