"use client";

import { useTranslations } from "next-intl";
import { useActionState } from "react";
import { Outcome } from "@/components/action-forms";
import { CheckboxGroup, SubmitButton, useMessageWords } from "@/components/form";
import type { FormState } from "@/components/form-state";
import { staffRoles } from "@/db/schema-enums";
import { ShopScopeFieldset, type GrantableShops } from "../shop-scope-fieldset";

type RolesFormProps = {
  action: (state: FormState, formData: FormData) => Promise<FormState>;
  /** The user's roles. */
  roles: string[];
  /** The signed-in user manager's roles: the only ones they may grant or take away (the server checks it too). */
  grantable: string[];
  /** The manager's own account, where roles can only be dropped. */
  own: boolean;
};

export function RolesForm({ action, roles, grantable, own }: RolesFormProps) {
  const [state, formAction, pending] = useActionState<FormState, FormData>(action, {});
  const t = useTranslations("users");
  const words = useMessageWords();
  const roleOptions = staffRoles.map((role) => ({ value: role, label: t(`roles.${role}`) }));
  const changeable = (role: string) => grantable.includes(role) && (!own || roles.includes(role));
  const hint = own ? t("roleHints.own") : roleOptions.every((role) => changeable(role.value)) ? null : t("roleHints.others");
  return (
    <form action={formAction} className="space-y-3">
      <Outcome state={state} />
      {/* Roles the manager may not take away are kept as they are. */}
      {roles.filter((role) => !changeable(role)).map((role) => (
        <input key={role} type="hidden" name="roles" value={role} />
      ))}
      <CheckboxGroup
        legend={t("user.rolesHeading")}
        name="roles"
        options={roleOptions}
        defaultValues={roles}
        errors={words(state.fieldErrors?.roles)}
        inputProps={(role) => ({ disabled: !changeable(role) })}
      />
      {hint ? <p className="text-sm text-slate-600">{hint}</p> : null}
      <SubmitButton pending={pending}>{t("user.saveRoles")}</SubmitButton>
    </form>
  );
}

type ShopsFormProps = GrantableShops & {
  action: (state: FormState, formData: FormData) => Promise<FormState>;
  chosen: { all: boolean; codes: string[] };
};

export function ShopsForm({ action, shops, canGrantAll, chosen }: ShopsFormProps) {
  const [state, formAction, pending] = useActionState<FormState, FormData>(action, {});
  const t = useTranslations("users.user");
  const words = useMessageWords();
  return (
    <form action={formAction} className="space-y-3">
      <Outcome state={state} />
      <ShopScopeFieldset shops={shops} canGrantAll={canGrantAll} chosen={chosen} errors={words([...(state.fieldErrors?.shopScope ?? []), ...(state.fieldErrors?.shops ?? [])])} />
      <SubmitButton pending={pending}>{t("saveShops")}</SubmitButton>
    </form>
  );
}
