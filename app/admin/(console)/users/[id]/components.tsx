"use client";

import { useActionState } from "react";
import { Outcome } from "@/components/action-forms";
import { CheckboxGroup, SubmitButton } from "@/components/form";
import type { FormState } from "@/components/form-state";
import { staffRoles } from "@/db/schema-enums";
import { roleLabels } from "@/lib/staff/forms";
import { ShopScopeFieldset, type GrantableShops } from "../shop-scope-fieldset";

const roleOptions = staffRoles.map((role) => ({ value: role, label: roleLabels[role] }));

export function RolesForm({ action, roles }: { action: (state: FormState, formData: FormData) => Promise<FormState>; roles: string[] }) {
  const [state, formAction, pending] = useActionState<FormState, FormData>(action, {});
  return (
    <form action={formAction} className="space-y-3">
      <Outcome state={state} />
      <CheckboxGroup legend="Roles" name="roles" options={roleOptions} defaultValues={roles} errors={state.fieldErrors?.roles} />
      <SubmitButton pending={pending}>Save roles</SubmitButton>
    </form>
  );
}

type ShopsFormProps = GrantableShops & {
  action: (state: FormState, formData: FormData) => Promise<FormState>;
  chosen: { all: boolean; codes: string[] };
};

export function ShopsForm({ action, shops, canGrantAll, chosen }: ShopsFormProps) {
  const [state, formAction, pending] = useActionState<FormState, FormData>(action, {});
  return (
    <form action={formAction} className="space-y-3">
      <Outcome state={state} />
      <ShopScopeFieldset shops={shops} canGrantAll={canGrantAll} chosen={chosen} errors={[...(state.fieldErrors?.shopScope ?? []), ...(state.fieldErrors?.shops ?? [])]} />
      <SubmitButton pending={pending}>Save shops</SubmitButton>
    </form>
  );
}
