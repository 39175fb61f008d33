"use client";

import Link from "next/link";
import type { PasswordPolicy } from "@/lib/passwords/policy";
import { passwordRules } from "@/lib/passwords/rules";
import { newPasswordSchema } from "@/lib/shops/registration-form";
import { Alert, Field, SubmitButton } from "./form";
import type { FormState } from "./form-state";
import { useFormAction } from "./use-form-action";

const secretFields = ["password", "confirmPassword"];

/**
 * Every rule of the policy in force, shown as a new-password field's hint before anything is typed (the field's
 * aria-describedby points here, so screen readers announce it; the hidden separators make it read as a list).
 */
export function PasswordRulesHint({ policy, intro = "Your password needs:" }: { policy: PasswordPolicy; intro?: string }) {
  const rules = passwordRules(policy);
  return (
    <>
      <span>{intro} </span>
      <ul className="list-disc pl-5">
        {rules.map((rule, index) => (
          <li key={index}>
            {rule.text}
            <span className="sr-only">{index < rules.length - 1 ? ";" : "."}</span>
          </li>
        ))}
      </ul>
    </>
  );
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
  const { state, formAction, pending, register, onSubmit, errorsFor } = useFormAction(action, newPasswordSchema(policy, email), {
    secretFields,
  });
  return (
    <form action={formAction} onSubmit={onSubmit} noValidate className="space-y-4">
      {state.formError ? (
        <Alert tone="error">
          {state.formError} {newLinkHref && !state.fieldErrors ? <Link href={newLinkHref}>Request a new link</Link> : null}
        </Alert>
      ) : null}
      <Field
        label="New password"
        type="password"
        autoComplete="new-password"
        required
        hint={<PasswordRulesHint policy={policy} />}
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
      <SubmitButton pending={pending}>{submitLabel}</SubmitButton>
    </form>
  );
}
