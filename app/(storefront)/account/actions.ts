"use server";

import { revalidatePath } from "next/cache";
import { cookies } from "next/headers";
import { getTranslations } from "next-intl/server";
import { getDb } from "@/db/client";
import { postedForm, type FormState } from "@/components/form-state";
import { localeNames } from "@/i18n/locales";
import { chooseCustomerLocale } from "@/lib/accounts/customers";
import { requestPasswordReset } from "@/lib/accounts/password-reset";
import { signOutOtherCustomerSessions } from "@/lib/accounts/sessions";
import { currentCustomer } from "../../auth";
import { LANGUAGE_COOKIE_MAX_AGE, languageCookie } from "../../locale";
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

/** My account's language: kept as the customer's for e-mails, and as this browser's choice for the pages. */
export async function chooseLanguageAction(_previous: FormState, formData: FormData): Promise<FormState> {
  const shop = await requireShop();
  const customer = (await currentCustomer(shop.id))?.customer;
  if (!customer) return sessionEnded();
  const locale = await chooseCustomerLocale(await getDb(), shop, customer, postedForm(formData).get("locale"), await clientAddress());
  if (!locale) {
    const message = (await getTranslations("storefront.account.language"))("notOffered");
    return { formError: message, fieldErrors: { locale: [message] } };
  }
  const cookie = await languageCookie();
  (await cookies()).set(cookie.name, locale, { ...cookie.options, maxAge: LANGUAGE_COOKIE_MAX_AGE });
  revalidatePath("/", "layout");
  const t = await getTranslations({ locale, namespace: "storefront.account.language" });
  return { notice: t("saved", { language: localeNames[locale] }) };
}
