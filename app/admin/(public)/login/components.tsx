"use client";

import { useTranslations } from "next-intl";
import { Alert, Field, SubmitButton } from "@/components/form";
import { useFormAction } from "@/components/use-form-action";
import { signInSchema } from "@/lib/staff/forms";
import { adminSignInAction } from "./actions";

const secretFields = ["password"];

export function AdminSignInForm() {
  const forms = useTranslations("forms");
  const t = useTranslations("console.login");
  const { state, formAction, pending, register, onSubmit, errorsFor } = useFormAction<{ email: string; password: string }>(
    adminSignInAction,
    signInSchema,
    { secretFields },
  );
  return (
    <form action={formAction} onSubmit={onSubmit} noValidate className="space-y-4">
      {state.formError ? <Alert tone="error">{state.formError}</Alert> : null}
      <Field label={forms("email")} type="email" autoComplete="username" required defaultValue={state.values?.email} errors={errorsFor("email")} {...register("email")} />
      <Field label={t("password")} type="password" autoComplete="current-password" required errors={errorsFor("password")} {...register("password")} />
      <SubmitButton pending={pending}>{forms("signIn")}</SubmitButton>
    </form>
  );
}
