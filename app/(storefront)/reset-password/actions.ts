"use server";

import { redirect } from "next/navigation";
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
  if (result.reason === "rejected") return { fieldErrors: result.fieldErrors, formError: "Please choose another password." };
  return { formError: "This link is no longer valid. Request a new one from the forgot-password page." };
}
