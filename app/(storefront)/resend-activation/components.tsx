"use client";

import { z } from "zod";
import { Field, SubmitButton } from "@/components/form";
import { useFormAction } from "@/components/use-form-action";
import { emailField } from "@/lib/shops/registration-form";
import { resendActivationAction } from "./actions";

const schema = z.object({ email: emailField });

/** "Resend activation email": an e-mail field, or only the button when the address is already known. */
export function ResendActivationForm({ email }: { email?: string }) {
  const { state, formAction, pending, register, onSubmit, errorsFor } = useFormAction<{ email: string }>(
    resendActivationAction,
    schema,
    { defaultValues: { email: email ?? "" } },
  );
  return (
    <form action={formAction} onSubmit={onSubmit} noValidate className="space-y-4">
      {email ? (
        <input type="hidden" defaultValue={email} {...register("email")} />
      ) : (
        <Field
          label="Email"
          type="email"
          autoComplete="email"
          required
          defaultValue={state.values?.email}
          errors={errorsFor("email")}
          {...register("email")}
        />
      )}
      <SubmitButton pending={pending}>Resend activation email</SubmitButton>
    </form>
  );
}
