"use server";

import { redirect } from "next/navigation";
import { getDb } from "@/db/client";
import { formStrings, type FormState } from "@/components/form-state";
import { registerCustomer } from "@/lib/accounts/registration";
import { deliverEmailsAfterResponse } from "../../mail";
import { clientAddress, requireShop } from "../../request";

export async function registerAction(_previous: FormState, formData: FormData): Promise<FormState> {
  const shop = await requireShop();
  const { customerType = "", ...values } = formStrings(formData);
  const result = await registerCustomer(await getDb(), shop, { customerType, values, ip: await clientAddress() });
  if (!result.ok) {
    if (result.reason === "unknown-customer-type") {
      return { formError: "This type of account is not available here. Reload the page and try again." };
    }
    return { fieldErrors: result.fieldErrors, values: result.values, formError: "Please correct the fields marked below." };
  }
  deliverEmailsAfterResponse();
  redirect("/check-inbox");
}
