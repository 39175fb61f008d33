"use server";

import { redirect } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { getDb } from "@/db/client";
import { formStrings, postedForm, type FormState } from "@/components/form-state";
import { createStaffUser } from "@/lib/staff/users";
import { afterResponse } from "../../../../mail";
import { backOffice, requireStaff } from "../../../guard";
import { shopScopeInput } from "../shop-scope-input";

export async function createStaffAction(_previous: FormState, formData: FormData): Promise<FormState> {
  const { staff } = await requireStaff("user_manager");
  const values = formStrings(formData, 320);
  const shops = shopScopeInput(formData);
  const input = { email: values.email, name: values.name, locale: values.locale, roles: postedForm(formData).getAll("roles").filter((role) => typeof role === "string"), ...shops };
  const result = await createStaffUser(await getDb(), staff, input, await backOffice());
  if (result.ok) {
    afterResponse();
    redirect(`/admin/users/${result.user.id}?created=1`);
  }
  const t = await getTranslations("users.new");
  const echo = { email: values.email ?? "", name: values.name ?? "", locale: values.locale ?? "", shopScope: shops.shopScope ?? "", shops: shops.shops.join(",") };
  if (result.reason === "exists") return { values: echo, fieldErrors: { email: [t("exists")] } };
  return { values: echo, fieldErrors: result.fieldErrors, formError: t("correctFields") };
}
