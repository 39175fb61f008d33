"use server";

import { revalidatePath } from "next/cache";
import { getTranslations } from "next-intl/server";
import { getDb } from "@/db/client";
import type { FormState } from "@/components/form-state";
import { requestPasswordReset } from "@/lib/accounts/password-reset";
import { signOutOtherCustomerSessions } from "@/lib/accounts/sessions";
import { currentCustomer } from "../../auth";
import { afterResponse } from "../../mail";
import { clientAddress, requireShop } from "../../request";

async function sessionEnded(): Promise<FormState> {
  return { formError: (await getTranslations("storefront.account"))("sessionEnded") };
}

/** My account's "Send password reset link": the same e-mailed link as forgot password, never a change form here. */
export async function sendResetLinkAction(): Promise<FormState> {
  const shop = await requireShop();
  const customer = (await currentCustomer(shop.id))?.customer;
  if (!customer) return sessionEnded();
  await requestPasswordReset(await getDb(), shop, customer.email, await clientAddress(), { defer: afterResponse });
  return { notice: (await getTranslations("storefront.account"))("resetLinkSent", { email: customer.email }) };
}

/** My account's "Sign out everywhere else": every other session of this customer ends (issue 10). */
export async function signOutElsewhereAction(): Promise<FormState> {
  const shop = await requireShop();
  const context = await currentCustomer(shop.id);
  if (!context) return sessionEnded();
  const ended = await signOutOtherCustomerSessions(await getDb(), context, await clientAddress());
  revalidatePath("/account");
  return { notice: (await getTranslations("forms.devices"))("signedOut", { count: ended }) };
}
