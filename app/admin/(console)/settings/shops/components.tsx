"use client";

import { useActionState, type ReactNode, type SelectHTMLAttributes, type TextareaHTMLAttributes } from "react";
import { Outcome } from "@/components/action-forms";
import { Alert, Field, SubmitButton } from "@/components/form";
import type { FormState } from "@/components/form-state";
import { useFormAction } from "@/components/use-form-action";
import { passwordMode, type ValueKind } from "@/lib/shops/registration-form";
import {
  callCentreResetModes,
  customerTypeSchema,
  newCustomerTypeSchema,
  newShopFormSchema,
  passwordModeSentence,
  RESET_MINUTES_MAX,
  RESET_MINUTES_MIN,
  shopFormSchema,
  TTL_HOURS_MAX,
  type DefinitionSummary,
} from "@/lib/shops/settings-forms";
import type { RegistrationFormState } from "./actions";

type Action<S = FormState> = (state: S, formData: FormData) => Promise<S>;

const controlClass =
  "block w-full rounded-md border border-slate-400 bg-white px-3 py-2 text-slate-900 shadow-sm focus:border-blue-700 focus:outline-none focus:ring-2 focus:ring-blue-700 aria-[invalid=true]:border-red-700";
const secondaryButton =
  "rounded-md border border-slate-400 bg-white px-3 py-1.5 text-sm font-medium text-slate-900 hover:bg-slate-100 focus:outline-none focus:ring-2 focus:ring-blue-700 disabled:opacity-40";

/** A label, a control of any kind, its hint and its errors, tied together as Field does for inputs. */
function Labelled({ id, label, hint, errors, children }: { id: string; label: string; hint?: ReactNode; errors?: string | string[]; children: (describedBy: string | undefined, invalid: boolean) => ReactNode }) {
  const messages = (Array.isArray(errors) ? errors : errors ? [errors] : []).filter(Boolean);
  const describedBy = [hint ? `${id}-hint` : null, messages.length ? `${id}-error` : null].filter(Boolean).join(" ") || undefined;
  return (
    <div className="space-y-1">
      <label htmlFor={id} className="block text-sm font-medium text-slate-800">
        {label}
      </label>
      {children(describedBy, messages.length > 0)}
      {hint ? <p id={`${id}-hint`} className="text-sm text-slate-600">{hint}</p> : null}
      {messages.length ? (
        <ul id={`${id}-error`} className="space-y-1 text-sm text-red-800">
          {messages.map((message) => (
            <li key={message} className="break-words">{message}</li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}

function TextArea({ label, name, hint, errors, ...textarea }: TextareaHTMLAttributes<HTMLTextAreaElement> & { label: string; name: string; hint?: ReactNode; errors?: string | string[] }) {
  const id = `field-${name}`;
  return (
    <Labelled id={id} label={label} hint={hint} errors={errors}>
      {(describedBy, invalid) => <textarea id={id} name={name} aria-describedby={describedBy} aria-invalid={invalid || undefined} className={controlClass} {...textarea} />}
    </Labelled>
  );
}

function Select({ label, name, hint, errors, options, ...select }: SelectHTMLAttributes<HTMLSelectElement> & { label: string; name: string; hint?: ReactNode; errors?: string | string[]; options: readonly { value: string; label: string }[] }) {
  const id = `field-${name}`;
  return (
    <Labelled id={id} label={label} hint={hint} errors={errors}>
      {(describedBy, invalid) => (
        <select id={id} name={name} aria-describedby={describedBy} aria-invalid={invalid || undefined} className={controlClass} {...select}>
          {options.map((option) => (
            <option key={option.value} value={option.value}>{option.label}</option>
          ))}
        </select>
      )}
    </Labelled>
  );
}

/** New shop and a shop's page: every setting of SPEC §2; the code only for a new shop. */
export function ShopForm({ action, initial, isNew, saved }: { action: Action; initial: Record<string, string>; isNew: boolean; saved?: boolean }) {
  const { state, formAction, pending, register, onSubmit, errorsFor } = useFormAction<Record<string, string>>(
    action,
    isNew ? newShopFormSchema : shopFormSchema,
  );
  const value = (name: string) => state.values?.[name] ?? initial[name] ?? "";
  const text = (name: string, label: string, hint?: ReactNode, extra: Record<string, string> = {}) => (
    <Field label={label} type="text" autoComplete="off" spellCheck={false} defaultValue={value(name)} errors={errorsFor(name)} hint={hint} {...extra} {...register(name)} />
  );
  const failed = Boolean(state.formError || state.fieldErrors);
  return (
    <form action={formAction} onSubmit={onSubmit} noValidate className="space-y-5">
      {saved && !failed ? <Alert tone="success">Shop saved. Host names and every other setting take effect at once.</Alert> : null}
      {state.formError ? <Alert tone="error">{state.formError}</Alert> : null}
      {isNew ? text("code", "Code", "Lower-case letters, digits and dashes (2–32), like my-shop. It cannot be changed later.") : null}
      {text("name", "Name")}
      <TextArea
        label="Host names"
        rows={3}
        spellCheck={false}
        autoComplete="off"
        defaultValue={value("hostNames")}
        errors={errorsFor("hostNames")}
        hint="One per line, without http:// or a port, like shop.example.com. The storefront finds the shop by the host name a visitor uses."
        {...register("hostNames")}
      />
      {text("baseUrl", "Base URL", "Every link in this shop's e-mails starts with it, like https://shop.example.com.", { inputMode: "url" })}
      <div className="grid gap-5 sm:grid-cols-2">
        {text("senderName", "Sender name")}
        {text("senderEmail", "Sender e-mail", undefined, { inputMode: "email" })}
      </div>
      {text("logoUrl", "Logo URL", "An https:// address, or empty for no logo.", { inputMode: "url" })}
      {text(
        "accentColor",
        "Accent colour",
        <>
          As #rrggbb. Buttons show white text on it, so it must be dark enough for a 4.5:1 contrast.{" "}
          <span className="inline-block rounded px-2 text-white" style={{ backgroundColor: /^#[0-9a-f]{6}$/i.test(initial.accentColor ?? "") ? initial.accentColor : "#2563eb" }}>
            Sample
          </span>
        </>,
      )}
      <Select
        label="Call-centre reset"
        options={callCentreResetModes}
        defaultValue={value("callCentreResetMode") || "link"}
        errors={errorsFor("callCentreResetMode")}
        hint="What “Send password reset” in Office › Contacts does for this shop's customers."
        {...register("callCentreResetMode")}
      />
      <div className="max-w-sm space-y-5">
        {text("activationTtlHours", "Activation link lifetime (hours)", `1–${TTL_HOURS_MAX}, for links sent at self-registration.`, { inputMode: "numeric" })}
        {text("contactActivationTtlHours", "Back-office activation link lifetime (hours)", `1–${TTL_HOURS_MAX}, for contacts created in the back office.`, { inputMode: "numeric" })}
        {text("resetTtlMinutes", "Reset link lifetime (minutes)", `${RESET_MINUTES_MIN}–${RESET_MINUTES_MAX}, for password reset links.`, { inputMode: "numeric" })}
      </div>
      <SubmitButton pending={pending}>Save shop</SubmitButton>
    </form>
  );
}

export function AddCustomerTypeForm({ action }: { action: Action }) {
  const { state, formAction, pending, register, onSubmit, errorsFor } = useFormAction<Record<string, string>>(action, newCustomerTypeSchema);
  return (
    <form action={formAction} onSubmit={onSubmit} noValidate className="space-y-4">
      {state.formError ? <Alert tone="error">{state.formError}</Alert> : null}
      <div className="grid gap-4 sm:grid-cols-2">
        <Field label="Code" id="new-type-code" type="text" autoComplete="off" spellCheck={false} defaultValue={state.values?.code} errors={errorsFor("code")} hint="Like B2C: letters, digits, _ and -, up to 32." {...register("code")} />
        <Field label="Name" id="new-type-name" type="text" autoComplete="off" defaultValue={state.values?.name} errors={errorsFor("name")} hint="What shoppers see, like Personal." {...register("name")} />
      </div>
      <SubmitButton pending={pending}>Add customer type</SubmitButton>
    </form>
  );
}

export function CustomerTypeForm({ action, code, name, selfRegistration }: { action: Action; code: string; name: string; selfRegistration: boolean }) {
  const { state, formAction, pending, register, onSubmit, errorsFor } = useFormAction<Record<string, string>>(action, customerTypeSchema);
  return (
    <form action={formAction} onSubmit={onSubmit} noValidate className="space-y-3">
      <Outcome state={state} />
      <Field label="Name" id={`type-${code}-name`} type="text" autoComplete="off" defaultValue={state.values?.name ?? name} errors={errorsFor("name")} {...register("name")} />
      <label className="flex items-center gap-2">
        <input type="checkbox" defaultChecked={selfRegistration} className="h-4 w-4 rounded border-slate-400 focus:ring-2 focus:ring-blue-700" {...register("selfRegistration")} />
        Self-registration
      </label>
      <p className="text-sm text-slate-600">With self-registration, shoppers can open an account of this type on the storefront.</p>
      <SubmitButton pending={pending}>Save type</SubmitButton>
    </form>
  );
}

export function RemoveTypeButton({ action }: { action: () => Promise<FormState> }) {
  const [state, formAction, pending] = useActionState<FormState>(action, {});
  return (
    <form action={formAction} className="space-y-3">
      <Outcome state={state} />
      <button type="submit" disabled={pending} className={secondaryButton}>
        Remove type
      </button>
    </form>
  );
}

const previewInputClass = "block w-full cursor-not-allowed rounded-md border border-slate-300 bg-slate-100 px-3 py-2 text-slate-900";
const previewInputType: Record<ValueKind, string> = { email: "email", text: "text", phone: "tel", password: "password", confirmPassword: "password" };

/** The registration form as a shopper will see it: the same fields, disabled. */
function FormPreview({ typeCode, attributes }: { typeCode: string; attributes: DefinitionSummary[] }) {
  return (
    <div className="rounded-md border border-dashed border-slate-400 p-4">
      <p className="mb-3 text-sm font-medium text-slate-700">Preview: the storefront&apos;s “Create account” form</p>
      <div className="space-y-3">
        {attributes.map((attribute) => (
          <Field
            key={attribute.code}
            id={`preview-${typeCode}-${attribute.code}`}
            name={`preview-${attribute.code}`}
            label={attribute.label}
            type={previewInputType[attribute.valueKind]}
            required={attribute.required}
            disabled
            className={previewInputClass}
            hint={attribute.required ? "Required" : "Optional"}
          />
        ))}
        <button type="button" disabled className="rounded-md bg-blue-700 px-4 py-2 font-medium text-white opacity-60">
          Create account
        </button>
      </div>
    </div>
  );
}

/**
 * A type's registration form (YesCart's SHOP_CREGATTRS_<TYPE>): the ordered list travels as hidden inputs, and
 * every button posts it, so the editor works the same with and without JavaScript.
 */
export function RegistrationFormEditor({
  action,
  typeCode,
  typeName,
  saved,
  definitions,
}: {
  action: Action<RegistrationFormState>;
  typeCode: string;
  typeName: string;
  saved: string[];
  definitions: DefinitionSummary[];
}) {
  const [state, formAction, pending] = useActionState<RegistrationFormState, FormData>(action, {});
  const draft = state.draft ?? saved;
  const byCode = new Map(definitions.map((definition) => [definition.code, definition]));
  const rows = draft.map((code) => byCode.get(code) ?? { code, label: `Unknown attribute ${code}`, valueKind: "text" as const, required: false });
  const available = definitions.filter((definition) => !draft.includes(definition.code));
  const mode = passwordMode(rows);
  const unsaved = draft.join("\n") !== saved.join("\n");
  const addId = `add-attribute-${typeCode}`;
  return (
    <div className="space-y-4">
      <form action={formAction} className="space-y-4">
        {state.notice && !unsaved ? <Alert tone="success">{state.notice}</Alert> : null}
        {state.problems?.length ? (
          <Alert tone="error">
            <p>The form was not saved:</p>
            <ul className="list-disc pl-5">
              {state.problems.map((problem) => (
                <li key={problem}>{problem}</li>
              ))}
            </ul>
          </Alert>
        ) : null}
        <p>
          <span className="font-medium">{passwordModeSentence[mode]}.</span>{" "}
          <span className="text-slate-700">
            {mode === "user-controlled"
              ? "The form has a password and a confirm-password attribute."
              : "The form has no password attributes, so the system generates each password and e-mails it."}
          </span>
          {unsaved ? <span className="ml-1 font-medium text-amber-900">Not saved yet.</span> : null}
        </p>
        <ol aria-label={`Registration form of ${typeName}`} className="divide-y divide-slate-200 rounded-md border border-slate-300">
          {rows.map((row, index) => (
            <li key={row.code} className="flex flex-wrap items-center justify-between gap-2 px-3 py-2">
              <input type="hidden" name="attribute" value={row.code} />
              <span className="min-w-0">
                <span className="font-medium">{row.label}</span>{" "}
                <span className="break-all text-sm text-slate-600">
                  ({row.code}, {row.valueKind}
                  {row.required ? ", required" : ""})
                </span>
              </span>
              <span className="flex gap-2">
                <button type="submit" name="op" value={`up:${index}`} disabled={pending || index === 0} className={secondaryButton}>
                  Move up
                </button>
                <button type="submit" name="op" value={`down:${index}`} disabled={pending || index === rows.length - 1} className={secondaryButton}>
                  Move down
                </button>
                <button type="submit" name="op" value={`remove:${index}`} disabled={pending} className={secondaryButton}>
                  Remove
                </button>
              </span>
            </li>
          ))}
          {rows.length === 0 ? <li className="px-3 py-2 text-slate-600">No attributes yet.</li> : null}
        </ol>
        {available.length > 0 ? (
          <div className="flex flex-wrap items-end gap-2">
            <div className="space-y-1">
              <label htmlFor={addId} className="block text-sm font-medium text-slate-800">
                Attribute to add
              </label>
              <select id={addId} name="add" className="rounded-md border border-slate-400 bg-white px-3 py-2">
                {available.map((definition) => (
                  <option key={definition.code} value={definition.code}>
                    {`${definition.label} (${definition.code}, ${definition.valueKind})`}
                  </option>
                ))}
              </select>
            </div>
            <button type="submit" name="op" value="add" disabled={pending} className={secondaryButton}>
              Add attribute
            </button>
          </div>
        ) : null}
        <button
          type="submit"
          name="op"
          value="save"
          disabled={pending}
          className="inline-flex items-center justify-center rounded-md bg-blue-700 px-4 py-2 font-medium text-white hover:bg-blue-800 focus:outline-none focus:ring-2 focus:ring-blue-700 focus:ring-offset-2 disabled:opacity-60"
        >
          Save form
        </button>
      </form>
      <FormPreview typeCode={typeCode} attributes={rows} />
    </div>
  );
}
