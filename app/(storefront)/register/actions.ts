"use server";

import { redirect } from "next/navigation";
import { getLocale, getTranslations } from "next-intl/server";
import { getDb } from "@/db/client";
import { formStrings, type FormState } from "@/components/form-state";
import { registerCustomer } from "@/lib/accounts/registration";
import { waitParts } from "@/lib/limits";
import { afterResponse } from "../../mail";
import { clientAddress, requireShop } from "../../request";
import { shopWords } from "../shop-words";

export async function registerAction(_previous: FormState, formData: FormData): Promise<FormState> {
  const shop = await requireShop();
  const { customerType = "", ...values } = formStrings(formData);
  const result = await registerCustomer(
    await getDb(),
    shop,
    { customerType, values, ip: await clientAddress(), locale: await getLocale() },
    { defer: afterResponse, wording: (await shopWords()).attribute },
  );
  if (result.ok) redirect("/check-inbox");
  const t = await getTranslations("storefront");
  switch (result.reason) {
    case "unknown-customer-type":
      return { formError: t("register.unknownType") };
    case "throttled":
      return {
        values: result.values,
        formError: t("register.throttled", { wait: t("wait", waitParts(result.retryAfterSeconds)) }),
      };
    case "invalid":
      return { fieldErrors: result.fieldErrors, values: result.values, formError: t("register.invalid") };
  }
}
