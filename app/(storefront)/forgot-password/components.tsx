"use client";

import { z } from "zod";
import { Field, SubmitButton } from "@/components/form";
import { useFormAction } from "@/components/use-form-action";
import { emailField } from "@/lib/shops/registration-form";
import { forgotPasswordAction } from "./actions";

const schema = z.object({ email: emailField });

export function ForgotPasswordForm() {
  const { state, formAction, pending, register, onSubmit, errorsFor } = useFormAction<{ email: string }>(
    forgotPasswordAction,
    schema,
  );
  return (
    <form action={formAction} onSubmit={onSubmit} noValidate className="space-y-4">
      <Field
        label="Email"
        type="email"
        autoComplete="email"
        required
        defaultValue={state.values?.email}
        errors={errorsFor("email")}
        {...register("email")}
      />
      <SubmitButton pending={pending}>Send reset link</SubmitButton>
    </form>
  );
}
