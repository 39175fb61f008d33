"use client";

import { useTranslations } from "next-intl";
import { useActionState } from "react";
import { Alert, SubmitButton } from "@/components/form";
import type { FormState } from "@/components/form-state";
import { sendResetLinkAction } from "./actions";

export function SendResetLinkForm() {
  const t = useTranslations("storefront.account");
  const [state, formAction, pending] = useActionState<FormState, FormData>(sendResetLinkAction, {});
  return (
    <form action={formAction} className="space-y-4">
      {state.notice ? <Alert tone="success">{state.notice}</Alert> : null}
      {state.formError ? <Alert tone="error">{state.formError}</Alert> : null}
      <SubmitButton pending={pending}>{t("sendResetLink")}</SubmitButton>
    </form>
  );
}
