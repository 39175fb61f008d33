"use server";

import { getDb } from "@/db/client";
import type { FormState } from "@/components/form-state";
import { requestPasswordReset } from "@/lib/accounts/password-reset";
import { signedInCustomer } from "../../auth";
import { afterResponse } from "../../mail";
import { clientAddress, requireShop } from "../../request";

/** My account's "Send password reset link": the same e-mailed link as forgot password, never a change form here. */
export async function sendResetLinkAction(): Promise<FormState> {
  const shop = await requireShop();
  const customer = await signedInCustomer(shop.id);
  if (!customer) return { formError: "Your session has ended. Please sign in again." };
  await requestPasswordReset(await getDb(), shop, customer.email, await clientAddress(), { defer: afterResponse });
  return { notice: `We have sent a password reset link to ${customer.email}. It expires after a short time.` };
}
