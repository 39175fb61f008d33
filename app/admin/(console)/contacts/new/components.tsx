"use client";

import { useTranslations } from "next-intl";
import { useMemo, useState } from "react";
import { Alert, Field, FieldErrorText, SubmitButton } from "@/components/form";
import { localeNames } from "@/i18n/locales";
import { useFormAction } from "@/components/use-form-action";
import type { ContactShop } from "@/lib/accounts/contacts";
import { contactFieldsSchema } from "@/lib/accounts/contact-form";
import { createContactAction } from "./actions";

type Choice = { shopId?: string; customerType?: string };

const selectClass = "block w-full rounded-md border border-slate-400 bg-white px-3 py-2";

/** The chosen shop (or the first) and its chosen type (or the same code there, or its first). */
function resolve(shops: ContactShop[], choice: Choice) {
  const shop = shops.find((candidate) => candidate.id === choice.shopId) ?? shops[0];
  const type = shop.types.find((candidate) => candidate.code === choice.customerType) ?? shop.types[0];
  return { shop, type };
}

/**
 * Office › Contacts › New contact. The fields are the chosen shop and type's registration attributes without the
 * passwords: with JavaScript they follow the selects at once; without it, "Choose shop and type" posts the choice and the
 * page comes back with that type's fields and what was typed so far.
 */
export function NewContactForm({ shops, initial }: { shops: ContactShop[]; initial: Choice }) {
  // The agent's choice in this page, once they change a select.
  const [picked, setPicked] = useState<Choice | null>(null);
  // The browser validates against the fields on screen. A server answer (with JavaScript) carries the same choice
  // as the screen, so the schema can follow `picked ?? initial` before that answer is known.
  const schemaChoice = resolve(shops, picked ?? initial);
  const schema = useMemo(() => contactFieldsSchema(schemaChoice.type.attributes), [schemaChoice.type.attributes]);
  const t = useTranslations("office.newContact");
  const { state, formAction, pending, register, onSubmit, errorsFor } = useFormAction<Record<string, string>>(createContactAction, schema);
  // Without JavaScript the page is rendered anew from the server's answer, which names the choice that was posted.
  const { shop, type } = resolve(shops, picked ?? (state.values?.shopId ? state.values : initial));

  const selectError = (name: string) => <FieldErrorText id={`field-${name}-error`} errors={errorsFor(name)} />;
  const described = (name: string) => (errorsFor(name) ? `field-${name}-error` : undefined);
  return (
    <form action={formAction} onSubmit={onSubmit} noValidate className="space-y-4">
      {state.formError ? <Alert tone="error">{state.formError}</Alert> : null}
      <div className="space-y-1">
        <label htmlFor="field-shopId" className="block text-sm font-medium text-slate-800">{t("shop")}</label>
        <select
          id="field-shopId"
          name="shopId"
          className={selectClass}
          defaultValue={shop.id}
          aria-describedby={described("shopId")}
          onChange={(event) => setPicked({ shopId: event.target.value, customerType: type.code })}
        >
          {shops.map((option) => (
            <option key={option.id} value={option.id}>{option.name}</option>
          ))}
        </select>
        {selectError("shopId")}
      </div>
      <div className="space-y-1">
        <label htmlFor="field-customerType" className="block text-sm font-medium text-slate-800">{t("customerType")}</label>
        <select
          id="field-customerType"
          key={shop.id}
          name="customerType"
          className={selectClass}
          defaultValue={type.code}
          aria-describedby={described("customerType")}
          onChange={(event) => setPicked({ shopId: shop.id, customerType: event.target.value })}
        >
          {shop.types.map((option) => (
            <option key={option.code} value={option.code}>{`${option.code} – ${option.name}`}</option>
          ))}
        </select>
        {selectError("customerType")}
      </div>
      <div className="space-y-1">
        <label htmlFor="field-locale" className="block text-sm font-medium text-slate-800">{t("language")}</label>
        <p id="field-locale-hint" className="text-sm text-slate-600">{t("languageHint")}</p>
        <select
          id="field-locale"
          key={`locale-${shop.id}`}
          name="locale"
          className={selectClass}
          defaultValue={state.values?.locale && shop.locales.some((locale) => locale === state.values?.locale) ? state.values.locale : shop.locales[0]}
          aria-describedby={["field-locale-hint", described("locale")].filter(Boolean).join(" ")}
        >
          {shop.locales.map((locale) => (
            <option key={locale} value={locale} lang={locale}>{localeNames[locale]}</option>
          ))}
        </select>
        {selectError("locale")}
      </div>
      <noscript>
        <button type="submit" name="intent" value="choose" className="rounded-md border border-slate-400 px-4 py-2 font-medium">
          {t("choose")}
        </button>
      </noscript>
      {type.attributes.map((attribute) => (
        <Field
          key={attribute.code}
          label={attribute.label}
          type={attribute.valueKind === "email" ? "email" : attribute.valueKind === "phone" ? "tel" : "text"}
          autoComplete="off"
          required={attribute.required}
          defaultValue={state.values?.[attribute.code]}
          errors={errorsFor(attribute.code)}
          {...register(attribute.code)}
        />
      ))}
      <SubmitButton pending={pending}>{t("submit")}</SubmitButton>
    </form>
  );
}
