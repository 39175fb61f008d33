"use server";

import { redirect } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { getDb } from "@/db/client";
import { formStrings, type FormState } from "@/components/form-state";
import { resetPassword } from "@/lib/accounts/password-reset";
import { afterResponse } from "../../mail";
import { clientAddress, requireShop } from "../../request";
import { forgetToken, keptToken } from "../token-cookie";

export async function resetPasswordAction(_previous: FormState, formData: FormData): Promise<FormState> {
  const shop = await requireShop();
  const { password, confirmPassword } = formStrings(formData);
  const result = await resetPassword(await getDb(), shop, await keptToken("reset-token"), { password, confirmPassword }, await clientAddress());
  if (result.ok) {
    await forgetToken("reset-token");
    afterResponse();
    redirect(result.generated ? "/reset-password/done?emailed=1" : "/reset-password/done");
  }
  const t = await getTranslations();
  if (result.reason === "rejected") return { fieldErrors: result.fieldErrors, formError: t("forms.anotherPassword") };
  return { formError: t("storefront.resetPassword.linkInvalid") };
}
