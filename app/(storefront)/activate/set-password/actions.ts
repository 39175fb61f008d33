"use server";

import { redirect } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { getDb } from "@/db/client";
import { formStrings, type FormState } from "@/components/form-state";
import { activateAccount } from "@/lib/accounts/activation";
import { afterResponse } from "../../../mail";
import { clientAddress, requireShop } from "../../../request";
import { forgetToken, keptToken } from "../../token-cookie";

export async function setPasswordAndActivateAction(_previous: FormState, formData: FormData): Promise<FormState> {
  const shop = await requireShop();
  const { password, confirmPassword } = formStrings(formData);
  const token = await keptToken("activation-token");
  const result = await activateAccount(await getDb(), shop, token, await clientAddress(), { chosen: { password, confirmPassword } });
  if (result.ok) {
    await forgetToken("activation-token");
    afterResponse();
    redirect("/activate/done");
  }
  if (result.reason === "rejected") return { fieldErrors: result.fieldErrors, formError: (await getTranslations("forms"))("anotherPassword") };
  if (result.reason === "already-active") redirect("/activate/done?already=1");
  redirect("/activate/invalid");
}
