import admin from "@/messages/en/admin.json";
import common from "@/messages/en/common.json";
import confirm from "@/messages/en/confirm.json";
import consoleArea from "@/messages/en/console.json";
import dashboard from "@/messages/en/dashboard.json";
import forms from "@/messages/en/forms.json";
import office from "@/messages/en/office.json";
import passwords from "@/messages/en/passwords.json";
import secondFactor from "@/messages/en/secondFactor.json";
import settings from "@/messages/en/settings.json";
import signIn from "@/messages/en/signIn.json";
import storefront from "@/messages/en/storefront.json";
import users from "@/messages/en/users.json";
import validation from "@/messages/en/validation.json";
import type { Locale } from "./locales";

/**
 * The English catalogue, one file per area under messages/en/ so that work on different areas never touches the same
 * file. It is the reference: every other language has the same files with the same keys (i18n/catalogues.test.ts),
 * and its keys are checked by the compiler (app-config.d.ts).
 */
export const englishMessages = {
  admin,
  common,
  confirm,
  console: consoleArea,
  dashboard,
  forms,
  office,
  passwords,
  secondFactor,
  settings,
  signIn,
  storefront,
  users,
  validation,
};

export type Messages = typeof englishMessages;

type Area = keyof Messages;
const areas = Object.keys(englishMessages) as Area[];

/** One area of a language's catalogue (every language has every area: i18n/catalogues.test.ts). */
async function area(locale: Locale, name: Area): Promise<Messages[Area]> {
  if (locale === "en") return englishMessages[name];
  return (await import(`@/messages/${locale}/${name}.json`)).default as Messages[Area];
}

/** A language's whole catalogue (what next-intl is given for a request in that language). */
export async function messagesFor(locale: Locale): Promise<Messages> {
  const loaded = await Promise.all(areas.map(async (name) => [name, await area(locale, name)] as const));
  return Object.fromEntries(loaded) as Messages;
}
