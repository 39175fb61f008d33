"use client";

import { useMemo, useRef, useState, type MouseEvent, type RefObject } from "react";
import { useTranslations } from "next-intl";
import { useWatch } from "react-hook-form";
import { Alert, Field, SubmitButton } from "@/components/form";
import { PasswordField } from "@/components/password-field";
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

export type RegistrationType = { code: string; name: string; attributes: FormAttribute[] };

type Values = Record<string, string>;

/** What the person has typed so far, by attribute code (in the browser only: passwords included). */
function typedValues(form: HTMLFormElement | null): Values {
  if (!form) return {};
  const values: Values = {};
  for (const [name, value] of new FormData(form).entries()) {
    if (typeof value === "string" && name !== "customerType" && !name.startsWith("$")) values[name] = value;
  }
  return values;
}

/** A plain left click, which may switch in place; other clicks (new tab, new window) keep the link's own behaviour. */
function isPlainClick(event: MouseEvent): boolean {
  return event.button === 0 && !event.metaKey && !event.ctrlKey && !event.shiftKey && !event.altKey;
}

/**
 * The type selector and the form of the selected type. The selector is a list of links, so it works without
 * JavaScript; with it, switching happens in place and keeps what was typed (SPEC §2: only where a shop offers
 * more than one self-registration type).
 */
export function Registration({ types, initialType }: { types: RegistrationType[]; initialType: string }) {
  const t = useTranslations("storefront.register");
  const formRef = useRef<HTMLFormElement>(null);
  const [current, setCurrent] = useState<{ code: string; values: Values; switched?: boolean }>({ code: initialType, values: {} });
  const selected = types.find((type) => type.code === current.code) ?? types[0];

  const switchTo = (event: MouseEvent<HTMLAnchorElement>, code: string) => {
    if (!isPlainClick(event)) return;
    event.preventDefault();
    if (code === selected.code) return;
    // Kept across switches, so a field of one type (e.g. Company) is still filled when the person comes back to it.
    setCurrent({ code, values: { ...current.values, ...typedValues(formRef.current) }, switched: true });
    const url = new URL(window.location.href);
    url.searchParams.set("type", code);
    window.history.replaceState(null, "", url);
  };

  return (
    <>
      {types.length > 1 ? (
        <nav aria-label={t("typeNav")} className="flex gap-2">
          {types.map((type) => (
            <a
              key={type.code}
              href={`/register?type=${encodeURIComponent(type.code)}`}
              aria-current={type.code === selected.code ? "page" : undefined}
              onClick={(event) => switchTo(event, type.code)}
              className="rounded-full border border-slate-300 px-3 py-1 text-sm aria-[current=page]:border-accent aria-[current=page]:bg-white aria-[current=page]:font-semibold"
            >
              {t("typeLink", { name: type.name })}
            </a>
          ))}
        </nav>
      ) : null}
      <p role="status" className="sr-only">
        {current.switched ? t("switched", { name: selected.name }) : ""}
      </p>
      <RegistrationForm
        key={selected.code}
        formRef={formRef}
        customerType={selected.code}
        attributes={selected.attributes}
        initialValues={current.values}
      />
    </>
  );
}

type RegistrationFormProps = {
  customerType: string;
  attributes: FormAttribute[];
  initialValues: Values;
  formRef: RefObject<HTMLFormElement | null>;
};

function RegistrationForm({ customerType, attributes, initialValues, formRef }: RegistrationFormProps) {
  const t = useTranslations("storefront.register");
  const schema = useMemo(() => registrationSchema(attributes), [attributes]);
  const secretFields = useMemo(() => attributes.filter(isSecret).map((attribute) => attribute.code), [attributes]);
  const defaultValues = useMemo(
    () => Object.fromEntries(attributes.map((attribute) => [attribute.code, initialValues[attribute.code] ?? ""])),
    [attributes, initialValues],
  );
  const { state, formAction, pending, register, control, onSubmit, errorsFor } = useFormAction(registerAction, schema, {
    secretFields,
    defaultValues,
  });
  const emailCode = attributes.find((attribute) => attribute.valueKind === "email")?.code ?? "";
  const email = String(useWatch({ control, name: emailCode }) ?? "");
  const names = [String(useWatch({ control, name: "firstName" }) ?? ""), String(useWatch({ control, name: "lastName" }) ?? "")];

  return (
    <form ref={formRef} action={formAction} onSubmit={onSubmit} noValidate className="space-y-4">
      {state.formError ? <Alert tone="error">{state.formError}</Alert> : null}
      <input type="hidden" name="customerType" value={customerType} />
      {attributes.map((attribute) =>
        isSecret(attribute) ? (
          <PasswordField
            key={attribute.code}
            label={attribute.label}
            autoComplete="new-password"
            required={attribute.required}
            policy={attribute.valueKind === "password" ? attribute : undefined}
            email={email}
            userInputs={names}
            // The server never sends a password back. One typed before switching type stays: react-hook-form puts it
            // back from defaultValues, into the field's value only (never into the page's markup).
            errors={errorsFor(attribute.code)}
            {...register(attribute.code)}
          />
        ) : (
          <Field
            key={attribute.code}
            label={attribute.label}
            type={inputType[attribute.valueKind]}
            autoComplete={autoComplete[attribute.code]}
            required={attribute.required}
            defaultValue={state.values?.[attribute.code] ?? initialValues[attribute.code]}
            errors={errorsFor(attribute.code)}
            {...register(attribute.code)}
          />
        ),
      )}
      <SubmitButton pending={pending}>{t("submit")}</SubmitButton>
    </form>
  );
}
