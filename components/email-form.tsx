"use client";

import { useTranslations } from "next-intl";
import { z } from "zod";
import { emailField } from "@/lib/shops/registration-form";
import { Field, SubmitButton } from "./form";
import type { FormState } from "./form-state";
import { useFormAction } from "./use-form-action";

const schema = z.object({ email: emailField });

type EmailFormProps = {
  action: (state: FormState, formData: FormData) => Promise<FormState>;
  submitLabel: string;
  /** When the address is already known, only the button shows. */
  email?: string;
};

/** The storefront's one-field forms (forgot password, resend activation): an "Email" field and a button. */
export function EmailForm({ action, submitLabel, email }: EmailFormProps) {
  const t = useTranslations("forms");
  const { state, formAction, pending, register, onSubmit, errorsFor } = useFormAction<{ email: string }>(action, schema, {
    defaultValues: { email: email ?? "" },
  });
  return (
    <form action={formAction} onSubmit={onSubmit} noValidate className="space-y-4">
      {email ? (
        <input type="hidden" defaultValue={email} {...register("email")} />
      ) : (
        <Field
          label={t("email")}
          type="email"
          autoComplete="email"
          required
          defaultValue={state.values?.email}
          errors={errorsFor("email")}
          {...register("email")}
        />
      )}
      <SubmitButton pending={pending}>{submitLabel}</SubmitButton>
    </form>
  );
}
