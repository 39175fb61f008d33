"use server";

import { revalidatePath } from "next/cache";
import { getTranslations } from "next-intl/server";
import { getDb } from "@/db/client";
import { postedForm, type FormState } from "@/components/form-state";
import { localeNames } from "@/i18n/locales";
import { chooseStaffLocale, endStaffSession, signOutOtherStaffSessions } from "@/lib/staff/users";
import { clientAddress } from "../../request";
import { adminSignOut } from "../auth";
import { currentSession, requireStaff } from "../guard";

/** Signing out ends the session at whatever step of the sign-in it is. */
export async function adminSignOutAction(): Promise<void> {
  const context = await currentSession();
  if (context) await endStaffSession(await getDb(), context.sessionId);
  await adminSignOut({ redirectTo: "/admin/login" });
}

/** The user's own page: "Sign out everywhere else" ends their other back-office sessions (issue 10). */
export async function signOutElsewhereAction(): Promise<FormState> {
  const context = await requireStaff();
  const ended = await signOutOtherStaffSessions(await getDb(), context, await clientAddress());
  revalidatePath("/admin");
  return { notice: (await getTranslations("forms.devices"))("signedOut", { count: ended }) };
}

/** The user's own page: their language for the back office and the e-mails it sends them. */
export async function chooseStaffLanguageAction(_previous: FormState, formData: FormData): Promise<FormState> {
  const { staff } = await requireStaff();
  const locale = await chooseStaffLocale(await getDb(), staff, postedForm(formData).get("locale"), await clientAddress());
  if (!locale) {
    const message = (await getTranslations("console.language"))("notOffered");
    return { formError: message, fieldErrors: { locale: [message] } };
  }
  revalidatePath("/admin", "layout");
  const t = await getTranslations({ locale, namespace: "console.language" });
  return { notice: t("saved", { language: localeNames[locale] }) };
}
