"use client";

import { useTranslations } from "next-intl";
import { Alert, CheckboxGroup, Field, SelectField, SubmitButton, useMessageWords } from "@/components/form";
import { localeNames, locales, type Locale } from "@/i18n/locales";
import { useFormAction } from "@/components/use-form-action";
import { staffRoles } from "@/db/schema-enums";
import { newStaffSchema } from "@/lib/staff/forms";
import { ShopScopeFieldset, type GrantableShops } from "../shop-scope-fieldset";
import { createStaffAction } from "./actions";

/** `grantable`: the roles the signed-in user manager holds, the only ones they may grant (the server checks it too). */
export function NewStaffForm({ shops, canGrantAll, grantable, locale }: GrantableShops & { grantable: string[]; locale: Locale }) {
  const { state, formAction, pending, register, onSubmit, errorsFor: rawErrorsFor } = useFormAction(createStaffAction, newStaffSchema);
  const words = useMessageWords();
  const errorsFor = (name: string) => words(rawErrorsFor(name));
  const t = useTranslations("users");
  const roleOptions = staffRoles.map((role) => ({ value: role, label: t(`roles.${role}`) }));
  // The default of SPEC §4: All shops from a manager who has them, otherwise the manager's own shops.
  const echoed = state.values?.shopScope;
  const chosen = echoed
    ? { all: echoed === "all", codes: state.values?.shops ? state.values.shops.split(",") : [] }
    : { all: canGrantAll, codes: canGrantAll ? [] : shops.map((shop) => shop.code) };
  const shopErrors = [errorsFor("shopScope"), errorsFor("shops")].flat();
  return (
    <form action={formAction} onSubmit={onSubmit} noValidate className="space-y-4">
      {state.formError ? <Alert tone="error">{state.formError}</Alert> : null}
      <Field label={t("new.email")} type="email" autoComplete="off" required defaultValue={state.values?.email} errors={errorsFor("email")} {...register("email")} />
      <Field label={t("new.name")} type="text" autoComplete="off" required defaultValue={state.values?.name} errors={errorsFor("name")} {...register("name")} />
      <div className="space-y-1">
        <SelectField
          {...register("locale")}
          label={t("new.language")}
          name="locale"
          defaultValue={state.values?.locale || locale}
          options={locales.map((option) => ({ value: option, label: localeNames[option] }))}
          errors={errorsFor("locale")}
        />
        <p className="text-sm text-slate-600">{t("new.languageHint")}</p>
      </div>
      <div className="space-y-1">
        <CheckboxGroup
          legend={t("new.roles")}
          name="roles"
          options={roleOptions}
          errors={errorsFor("roles")}
          inputProps={(role) => ({ ...register("roles"), disabled: !grantable.includes(role) })}
        />
        {roleOptions.every((role) => grantable.includes(role.value)) ? null : <p className="text-sm text-slate-600">{t("roleHints.others")}</p>}
      </div>
      <ShopScopeFieldset shops={shops} canGrantAll={canGrantAll} chosen={chosen} errors={shopErrors} inputProps={(name) => register(name)} />
      <SubmitButton pending={pending}>{t("new.create")}</SubmitButton>
    </form>
  );
}
