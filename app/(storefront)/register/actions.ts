"use server";

import { redirect } from "next/navigation";
import { getDb } from "@/db/client";
import { formStrings, type FormState } from "@/components/form-state";
import { registerCustomer } from "@/lib/accounts/registration";
import { describeWait } from "@/lib/limits";
import { afterResponse } from "../../mail";
import { clientAddress, requireShop } from "../../request";

export async function registerAction(_previous: FormState, formData: FormData): Promise<FormState> {
  const shop = await requireShop();
  const { customerType = "", ...values } = formStrings(formData);
  const result = await registerCustomer(
    await getDb(),
    shop,
    { customerType, values, ip: await clientAddress() },
    { defer: afterResponse },
  );
  if (result.ok) redirect("/check-inbox");
  switch (result.reason) {
    case "unknown-customer-type":
      return { formError: "This type of account is not available here. Reload the page and try again." };
    case "throttled":
      return {
        values: result.values,
        formError: `Too many accounts were created from your network. Please try again in ${describeWait(result.retryAfterSeconds)}.`,
      };
    case "invalid":
      return { fieldErrors: result.fieldErrors, values: result.values, formError: "Please correct the fields marked below." };
  }
}
