"use client";

import Link from "next/link";
import { useTranslations } from "next-intl";
import type { PasswordPolicy } from "@/lib/passwords/policy";
import { passwordRules } from "@/lib/passwords/rules";
import { newPasswordSchema } from "@/lib/shops/registration-form";
import { Alert, SubmitButton } from "./form";
import { PasswordChecklist } from "./password-checklist";
import { PasswordField } from "./password-field";
import type { FormState } from "./form-state";
import { useFormAction } from "./use-form-action";

const secretFields = ["password", "confirmPassword"];

/** Every rule of the policy in force, as a hint before anything is typed (forms without ticks: the back office). */
export function PasswordRulesHint({ policy, intro }: { policy: PasswordPolicy; intro?: string }) {
  return <PasswordChecklist checks={passwordRules(policy)} intro={intro} />;
}

type NewPasswordFormProps = {
  action: (state: FormState, formData: FormData) => Promise<FormState>;
  email: string;
  policy: PasswordPolicy;
  submitLabel: string;
  /** Where to get a new link when the server says this one no longer works. */
  newLinkHref?: string;
};

/**
 * "New password" and "Confirm password" (reset links, set-password activation). The browser checks the shop's
 * policy; the server checks it again with the common-password list.
 */
export function NewPasswordForm({ action, email, policy, submitLabel, newLinkHref }: NewPasswordFormProps) {
  const t = useTranslations("forms");
  const { state, formAction, pending, register, onSubmit, errorsFor } = useFormAction(action, newPasswordSchema(policy, email), {
    secretFields,
  });
  return (
    <form action={formAction} onSubmit={onSubmit} noValidate className="space-y-4">
      {state.formError ? (
        <Alert tone="error">
          {state.formError} {newLinkHref && !state.fieldErrors ? <Link href={newLinkHref}>{t("requestNewLink")}</Link> : null}
        </Alert>
      ) : null}
      <PasswordField
        label={t("newPassword")}
        autoComplete="new-password"
        required
        policy={policy}
        email={email}
        errors={errorsFor("password")}
        {...register("password")}
      />
      <PasswordField
        label={t("confirmPassword")}
        autoComplete="new-password"
        required
        errors={errorsFor("confirmPassword")}
        {...register("confirmPassword")}
      />
      <SubmitButton pending={pending}>{submitLabel}</SubmitButton>
    </form>
  );
}
