"use client";

import { useMemo } from "react";
import { Alert, Field, SubmitButton } from "@/components/form";
import { useFormAction } from "@/components/use-form-action";
import { registrationSchema, type FormAttribute } from "@/lib/shops/registration-form";
import { registerAction } from "./actions";

const inputType: Record<FormAttribute["valueKind"], string> = {
  email: "email",
  text: "text",
  phone: "tel",
  password: "password",
  confirmPassword: "password",
};

const autoComplete: Partial<Record<string, string>> = {
  email: "email",
  firstName: "given-name",
  lastName: "family-name",
  company: "organization",
  phone: "tel",
};

const isSecret = (attribute: FormAttribute) => attribute.valueKind === "password" || attribute.valueKind === "confirmPassword";

export function RegistrationForm({ customerType, attributes }: { customerType: string; attributes: FormAttribute[] }) {
  const schema = useMemo(() => registrationSchema(attributes), [attributes]);
  const secretFields = useMemo(() => attributes.filter(isSecret).map((attribute) => attribute.code), [attributes]);
  const { state, formAction, pending, register, onSubmit, errorsFor } = useFormAction(registerAction, schema, {
    secretFields,
  });

  return (
    <form action={formAction} onSubmit={onSubmit} noValidate className="space-y-4">
      {state.formError ? <Alert tone="error">{state.formError}</Alert> : null}
      <input type="hidden" name="customerType" value={customerType} />
      {attributes.map((attribute) => (
        <Field
          key={attribute.code}
          label={attribute.label}
          type={inputType[attribute.valueKind]}
          autoComplete={isSecret(attribute) ? "new-password" : autoComplete[attribute.code]}
          required={attribute.required}
          defaultValue={isSecret(attribute) ? undefined : state.values?.[attribute.code]}
          errors={errorsFor(attribute.code)}
          hint={attribute.valueKind === "password" ? "At least 8 characters." : undefined}
          {...register(attribute.code)}
        />
      ))}
      <SubmitButton pending={pending}>Create account</SubmitButton>
    </form>
  );
}
