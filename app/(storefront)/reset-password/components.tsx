"use client";

import { useTranslations } from "next-intl";
import { useActionState } from "react";
import { Alert, SubmitButton } from "@/components/form";
import type { FormState } from "@/components/form-state";
import { resetPasswordAction } from "./actions";

/** Automatic mode: a POST (never the link's GET) asks for a generated password. */
export function GeneratedPasswordForm() {
  const t = useTranslations("storefront.resetPassword");
  const [state, formAction, pending] = useActionState<FormState, FormData>(resetPasswordAction, {});
  return (
    <form action={formAction} className="space-y-4">
      {state.formError ? <Alert tone="error">{state.formError}</Alert> : null}
      <SubmitButton pending={pending}>{t("sendGenerated")}</SubmitButton>
    </form>
  );
}
