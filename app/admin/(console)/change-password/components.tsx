"use client";

import { useTranslations } from "next-intl";
import { Alert, Field, SubmitButton } from "@/components/form";
import { PasswordRulesHint } from "@/components/new-password-form";
import { useFormAction } from "@/components/use-form-action";
import type { PasswordPolicy } from "@/lib/passwords/policy";
import { changePasswordSchema } from "@/lib/staff/forms";
import { changePasswordAction } from "./actions";

const secretFields = ["currentPassword", "newPassword", "confirmNewPassword"];

export function ChangePasswordForm({ policy, email }: { policy: PasswordPolicy; email: string }) {
  const t = useTranslations("console.changePassword");
  const { state, formAction, pending, register, onSubmit, errorsFor } = useFormAction(
    changePasswordAction,
    changePasswordSchema(policy, email),
    { secretFields },
  );
  return (
    <form action={formAction} onSubmit={onSubmit} noValidate className="space-y-4">
      {state.formError ? <Alert tone="error">{state.formError}</Alert> : null}
      <Field label={t("current")} type="password" autoComplete="current-password" required errors={errorsFor("currentPassword")} {...register("currentPassword")} />
      <Field
        label={t("new")}
        type="password"
        autoComplete="new-password"
        required
        hint={<PasswordRulesHint policy={policy} />}
        errors={errorsFor("newPassword")}
        {...register("newPassword")}
      />
      <Field label={t("confirm")} type="password" autoComplete="new-password" required errors={errorsFor("confirmNewPassword")} {...register("confirmNewPassword")} />
      <SubmitButton pending={pending}>{t("submit")}</SubmitButton>
    </form>
  );
}
