"use client";

import { Alert, CheckboxGroup, Field, SubmitButton } from "@/components/form";
import { useFormAction } from "@/components/use-form-action";
import { staffRoles } from "@/db/schema-enums";
import { newStaffSchema, roleGrantMessages, roleLabels } from "@/lib/staff/forms";
import { ShopScopeFieldset, type GrantableShops } from "../shop-scope-fieldset";
import { createStaffAction } from "./actions";

const roleOptions = staffRoles.map((role) => ({ value: role, label: roleLabels[role] }));

/** `grantable`: the roles the signed-in user manager holds, the only ones they may grant (the server checks it too). */
export function NewStaffForm({ shops, canGrantAll, grantable }: GrantableShops & { grantable: string[] }) {
  const { state, formAction, pending, register, onSubmit, errorsFor } = useFormAction(createStaffAction, newStaffSchema);
  // The default of SPEC §4: All shops from a manager who has them, otherwise the manager's own shops.
  const echoed = state.values?.shopScope;
  const chosen = echoed
    ? { all: echoed === "all", codes: state.values?.shops ? state.values.shops.split(",") : [] }
    : { all: canGrantAll, codes: canGrantAll ? [] : shops.map((shop) => shop.code) };
  const shopErrors = [errorsFor("shopScope"), errorsFor("shops")].flat();
  return (
    <form action={formAction} onSubmit={onSubmit} noValidate className="space-y-4">
      {state.formError ? <Alert tone="error">{state.formError}</Alert> : null}
      <Field label="Email" type="email" autoComplete="off" required defaultValue={state.values?.email} errors={errorsFor("email")} {...register("email")} />
      <Field label="Name" type="text" autoComplete="off" required defaultValue={state.values?.name} errors={errorsFor("name")} {...register("name")} />
      <div className="space-y-1">
        <CheckboxGroup
          legend="Roles"
          name="roles"
          options={roleOptions}
          errors={errorsFor("roles")}
          inputProps={(role) => ({ ...register("roles"), disabled: !grantable.includes(role) })}
        />
        {roleOptions.every((role) => grantable.includes(role.value)) ? null : <p className="text-sm text-slate-600">{roleGrantMessages.hintOthers}</p>}
      </div>
      <ShopScopeFieldset shops={shops} canGrantAll={canGrantAll} chosen={chosen} errors={shopErrors} inputProps={(name) => register(name)} />
      <SubmitButton pending={pending}>Create user</SubmitButton>
    </form>
  );
}
