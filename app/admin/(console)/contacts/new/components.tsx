"use client";

import { useState } from "react";
import { Alert, Field, SubmitButton } from "@/components/form";
import { useFormAction } from "@/components/use-form-action";
import { contactFormSchema } from "@/lib/accounts/contact-form";
import { createContactAction } from "./actions";

type ShopOption = { id: string; name: string; types: { code: string; name: string }[] };

const selectClass = "block w-full rounded-md border border-slate-400 bg-white px-3 py-2";

export function NewContactForm({ shops }: { shops: ShopOption[] }) {
  // No react-hook-form defaults: the selects' own values stand, even when chosen before hydration.
  const { state, formAction, pending, register, onSubmit, errorsFor } = useFormAction<Record<string, string>>(
    createContactAction,
    contactFormSchema,
  );
  const [shopId, setShopId] = useState(state.values?.shopId || shops[0]?.id || "");
  const types = shops.find((shop) => shop.id === shopId)?.types ?? [];
  const shopField = register("shopId");
  const selectError = (name: string) => {
    const errors = errorsFor(name);
    return errors ? <p id={`field-${name}-error`} className="text-sm text-red-800">{Array.isArray(errors) ? errors.join(" ") : errors}</p> : null;
  };
  return (
    <form action={formAction} onSubmit={onSubmit} noValidate className="space-y-4">
      {state.formError ? <Alert tone="error">{state.formError}</Alert> : null}
      <div className="space-y-1">
        <label htmlFor="field-shopId" className="block text-sm font-medium text-slate-800">Shop</label>
        <select
          id="field-shopId"
          className={selectClass}
          defaultValue={shopId}
          {...shopField}
          onChange={(event) => {
            setShopId(event.target.value);
            void shopField.onChange(event);
          }}
        >
          {shops.map((shop) => (
            <option key={shop.id} value={shop.id}>{shop.name}</option>
          ))}
        </select>
        {selectError("shopId")}
      </div>
      <div className="space-y-1">
        <label htmlFor="field-customerType" className="block text-sm font-medium text-slate-800">Customer type</label>
        <select id="field-customerType" key={shopId} className={selectClass} defaultValue={state.values?.customerType || types[0]?.code} {...register("customerType")}>
          {types.map((type) => (
            <option key={type.code} value={type.code}>{`${type.code} – ${type.name}`}</option>
          ))}
        </select>
        {selectError("customerType")}
      </div>
      <Field label="Email" type="email" autoComplete="off" required defaultValue={state.values?.email} errors={errorsFor("email")} {...register("email")} />
      <Field label="First name" type="text" autoComplete="off" required defaultValue={state.values?.firstName} errors={errorsFor("firstName")} {...register("firstName")} />
      <Field label="Last name" type="text" autoComplete="off" required defaultValue={state.values?.lastName} errors={errorsFor("lastName")} {...register("lastName")} />
      <SubmitButton pending={pending}>Create contact</SubmitButton>
    </form>
  );
}
