"use client";

import { useTranslations } from "next-intl";
import { useActionState, type ReactNode, type SelectHTMLAttributes, type TextareaHTMLAttributes } from "react";
import { Outcome } from "@/components/action-forms";
import { localeNames, locales } from "@/i18n/locales";
import { Alert, CheckboxGroup, Field, SubmitButton, useMessageWords } from "@/components/form";
import type { FormState } from "@/components/form-state";
import { useFormAction } from "@/components/use-form-action";
import { passwordMode, type ValueKind } from "@/lib/shops/registration-form";
import {
  callCentreResetModes,
  customerTypeSchema,
  newCustomerTypeSchema,
  newShopFormSchema,
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
  const { state, formAction, pending, register, onSubmit, errorsFor: rawErrorsFor } = useFormAction<Record<string, string>>(
    action,
    isNew ? newShopFormSchema : shopFormSchema,
  );
  const words = useMessageWords();
  const errorsFor = (name: string) => words(rawErrorsFor(name));
  const t = useTranslations("settings.shops.form");
  const languages = locales.map((locale) => ({ value: locale, label: localeNames[locale] }));
  const resetModes = callCentreResetModes.map((mode) => ({ value: mode.value, label: t(`resetModes.${mode.value}`) }));
  const value = (name: string) => state.values?.[name] ?? initial[name] ?? "";
  const text = (name: string, label: string, hint?: ReactNode, extra: Record<string, string> = {}) => (
    <Field label={label} type="text" autoComplete="off" spellCheck={false} defaultValue={value(name)} errors={errorsFor(name)} hint={hint} {...extra} {...register(name)} />
  );
  const failed = Boolean(state.formError || state.fieldErrors);
  return (
    <form action={formAction} onSubmit={onSubmit} noValidate className="space-y-5">
      {saved && !failed ? <Alert tone="success">{t("saved")}</Alert> : null}
      {state.formError ? <Alert tone="error">{state.formError}</Alert> : null}
      {isNew ? text("code", t("code"), t("codeHint")) : null}
      {text("name", t("name"))}
      <TextArea
        label={t("hostNames")}
        rows={3}
        spellCheck={false}
        autoComplete="off"
        defaultValue={value("hostNames")}
        errors={errorsFor("hostNames")}
        hint={t("hostNamesHint")}
        {...register("hostNames")}
      />
      {text("baseUrl", t("baseUrl"), t("baseUrlHint"), { inputMode: "url" })}
      <div className="grid gap-5 sm:grid-cols-2">
        {text("senderName", t("senderName"))}
        {text("senderEmail", t("senderEmail"), undefined, { inputMode: "email" })}
      </div>
      {text("logoUrl", t("logoUrl"), t("logoUrlHint"), { inputMode: "url" })}
      {text(
        "accentColor",
        t("accentColor"),
        <>
          {t("accentColorHint")}{" "}
          <span className="inline-block rounded px-2 text-white" style={{ backgroundColor: /^#[0-9a-f]{6}$/i.test(initial.accentColor ?? "") ? initial.accentColor : "#2563eb" }}>
            {t("sample")}
          </span>
        </>,
      )}
      <Select
        label={t("callCentreReset")}
        options={resetModes}
        defaultValue={value("callCentreResetMode") || "link"}
        errors={errorsFor("callCentreResetMode")}
        hint={t("callCentreResetHint")}
        {...register("callCentreResetMode")}
      />
      <div className="grid gap-5 sm:grid-cols-2">
        <Select
          label={t("defaultLocale")}
          options={languages}
          defaultValue={value("defaultLocale") || "en"}
          errors={errorsFor("defaultLocale")}
          hint={t("defaultLocaleHint")}
          {...register("defaultLocale")}
        />
        <div className="space-y-1">
          <CheckboxGroup
            legend={t("locales")}
            name="locales"
            options={languages}
            defaultValues={value("locales").split(",")}
            errors={errorsFor("locales")}
            inputProps={() => register("locales")}
          />
          <p className="text-sm text-slate-600">{t("localesHint")}</p>
        </div>
      </div>
      <div className="max-w-sm space-y-5">
        {text("activationTtlHours", t("activationTtl"), t("activationTtlHint", { max: TTL_HOURS_MAX }), { inputMode: "numeric" })}
        {text("contactActivationTtlHours", t("contactActivationTtl"), t("contactActivationTtlHint", { max: TTL_HOURS_MAX }), { inputMode: "numeric" })}
        {text("resetTtlMinutes", t("resetTtl"), t("resetTtlHint", { min: RESET_MINUTES_MIN, max: RESET_MINUTES_MAX }), { inputMode: "numeric" })}
      </div>
      <SubmitButton pending={pending}>{t("save")}</SubmitButton>
    </form>
  );
}

export function AddCustomerTypeForm({ action }: { action: Action }) {
  const { state, formAction, pending, register, onSubmit, errorsFor: rawErrorsFor } = useFormAction<Record<string, string>>(action, newCustomerTypeSchema);
  const words = useMessageWords();
  const errorsFor = (name: string) => words(rawErrorsFor(name));
  const t = useTranslations("settings.shops.types");
  return (
    <form action={formAction} onSubmit={onSubmit} noValidate className="space-y-4">
      {state.formError ? <Alert tone="error">{state.formError}</Alert> : null}
      <div className="grid gap-4 sm:grid-cols-2">
        <Field label={t("code")} id="new-type-code" type="text" autoComplete="off" spellCheck={false} defaultValue={state.values?.code} errors={errorsFor("code")} hint={t("codeHint")} {...register("code")} />
        <Field label={t("name")} id="new-type-name" type="text" autoComplete="off" defaultValue={state.values?.name} errors={errorsFor("name")} hint={t("nameHint")} {...register("name")} />
      </div>
      <SubmitButton pending={pending}>{t("add")}</SubmitButton>
    </form>
  );
}

export function CustomerTypeForm({ action, code, name, selfRegistration }: { action: Action; code: string; name: string; selfRegistration: boolean }) {
  const { state, formAction, pending, register, onSubmit, errorsFor: rawErrorsFor } = useFormAction<Record<string, string>>(action, customerTypeSchema);
  const words = useMessageWords();
  const errorsFor = (name: string) => words(rawErrorsFor(name));
  const t = useTranslations("settings.shops.types");
  return (
    <form action={formAction} onSubmit={onSubmit} noValidate className="space-y-3">
      <Outcome state={state} />
      <Field label={t("name")} id={`type-${code}-name`} type="text" autoComplete="off" defaultValue={state.values?.name ?? name} errors={errorsFor("name")} {...register("name")} />
      <label className="flex items-center gap-2">
        <input type="checkbox" defaultChecked={selfRegistration} className="h-4 w-4 rounded border-slate-400 focus:ring-2 focus:ring-blue-700" {...register("selfRegistration")} />
        {t("selfRegistration")}
      </label>
      <p className="text-sm text-slate-600">{t("selfRegistrationHint")}</p>
      <SubmitButton pending={pending}>{t("save")}</SubmitButton>
    </form>
  );
}

export function RemoveTypeButton({ action }: { action: () => Promise<FormState> }) {
  const [state, formAction, pending] = useActionState<FormState>(action, {});
  const t = useTranslations("settings.shops.types");
  return (
    <form action={formAction} className="space-y-3">
      <Outcome state={state} />
      <button type="submit" disabled={pending} className={secondaryButton}>
        {t("remove")}
      </button>
    </form>
  );
}

const previewInputClass = "block w-full cursor-not-allowed rounded-md border border-slate-300 bg-slate-100 px-3 py-2 text-slate-900";
const previewInputType: Record<ValueKind, string> = { email: "email", text: "text", phone: "tel", password: "password", confirmPassword: "password" };

/** The registration form as a shopper will see it: the same fields, disabled. */
function FormPreview({ typeCode, attributes }: { typeCode: string; attributes: DefinitionSummary[] }) {
  const t = useTranslations("settings.shops.editor");
  return (
    <div className="rounded-md border border-dashed border-slate-400 p-4">
      <p className="mb-3 text-sm font-medium text-slate-700">{t("preview")}</p>
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
            hint={attribute.required ? t("previewRequired") : t("previewOptional")}
          />
        ))}
        <button type="button" disabled className="rounded-md bg-blue-700 px-4 py-2 font-medium text-white opacity-60">
          {t("previewSubmit")}
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
  const t = useTranslations("settings.shops.editor");
  const draft = state.draft ?? saved;
  const byCode = new Map(definitions.map((definition) => [definition.code, definition]));
  const rows = draft.map((code) => byCode.get(code) ?? { code, label: t("unknownAttribute", { code }), valueKind: "text" as const, required: false });
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
            <p>{t("notSaved")}</p>
            <ul className="list-disc pl-5">
              {state.problems.map((problem) => (
                <li key={problem}>{problem}</li>
              ))}
            </ul>
          </Alert>
        ) : null}
        <p>
          <span className="font-medium">{t(`passwordMode.${mode}`)}.</span>{" "}
          <span className="text-slate-700">{t(`modeExplained.${mode}`)}</span>
          {unsaved ? <span className="ml-1 font-medium text-amber-900">{t("unsaved")}</span> : null}
        </p>
        <ol aria-label={t("formOf", { name: typeName })} className="divide-y divide-slate-200 rounded-md border border-slate-300">
          {rows.map((row, index) => (
            <li key={row.code} className="flex flex-wrap items-center justify-between gap-2 px-3 py-2">
              <input type="hidden" name="attribute" value={row.code} />
              <span className="min-w-0">
                <span className="font-medium">{row.label}</span>{" "}
                <span className="break-all text-sm text-slate-600">
                  ({row.code}, {row.valueKind}
                  {row.required ? t("required") : ""})
                </span>
              </span>
              <span className="flex gap-2">
                <button type="submit" name="op" value={`up:${index}`} disabled={pending || index === 0} className={secondaryButton}>
                  {t("moveUp")}
                </button>
                <button type="submit" name="op" value={`down:${index}`} disabled={pending || index === rows.length - 1} className={secondaryButton}>
                  {t("moveDown")}
                </button>
                <button type="submit" name="op" value={`remove:${index}`} disabled={pending} className={secondaryButton}>
                  {t("remove")}
                </button>
              </span>
            </li>
          ))}
          {rows.length === 0 ? <li className="px-3 py-2 text-slate-600">{t("empty")}</li> : null}
        </ol>
        {available.length > 0 ? (
          <div className="flex flex-wrap items-end gap-2">
            <div className="space-y-1">
              <label htmlFor={addId} className="block text-sm font-medium text-slate-800">
                {t("attributeToAdd")}
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
              {t("addAttribute")}
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
          {t("save")}
        </button>
      </form>
      <FormPreview typeCode={typeCode} attributes={rows} />
    </div>
  );
}
