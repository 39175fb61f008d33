"use client";

import { useTranslations } from "next-intl";
import { Alert, Field, SubmitButton } from "@/components/form";
import { useFormAction } from "@/components/use-form-action";
import { EmailForm } from "@/components/email-form";
import { resendActivationAction } from "../resend-activation/actions";
import { signInAction } from "./actions";
import { signInSchema } from "./schema";

const secretFields = ["password"];

export function SignInForm({ next }: { next?: string }) {
  const t = useTranslations("storefront");
  const { state, formAction, pending, register, onSubmit, errorsFor } = useFormAction<{ email: string; password: string }>(
    signInAction,
    signInSchema,
    { secretFields },
  );
  return (
    <div className="space-y-6">
      {state.formError ? <Alert tone="error">{state.formError}</Alert> : null}
      {state.pendingEmail ? <EmailForm action={resendActivationAction} submitLabel={t("resendActivation.submit")} email={state.pendingEmail} /> : null}
      <form action={formAction} onSubmit={onSubmit} noValidate className="space-y-4">
        {next ? <input type="hidden" name="next" value={next} /> : null}
        <Field
          label={t("signIn.email")}
          type="email"
          autoComplete="username"
          required
          defaultValue={state.values?.email}
          errors={errorsFor("email")}
          {...register("email")}
        />
        <Field
          label={t("signIn.password")}
          type="password"
          autoComplete="current-password"
          required
          errors={errorsFor("password")}
          {...register("password")}
        />
        <SubmitButton pending={pending}>{t("signIn.submit")}</SubmitButton>
      </form>
    </div>
  );
}
