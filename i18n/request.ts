import { getRequestConfig } from "next-intl/server";
import { requestLocale } from "@/app/locale";
import { isLocale } from "./locales";
import { messagesFor } from "./messages";

// Each request in its own language (app/locale.ts), unless code asks for one by name (`getTranslations({ locale })`,
// e.g. the answer to a change of language). Times are shown in UTC and say so.
export default getRequestConfig(async ({ locale: asked }) => {
  const locale = isLocale(asked) ? asked : await requestLocale();
  return { locale, messages: await messagesFor(locale), timeZone: "UTC" };
});
