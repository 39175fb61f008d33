import { getRequestConfig } from "next-intl/server";
import { requestLocale } from "@/app/locale";
import { messagesFor } from "./messages";

// Each request in its own language (app/locale.ts); times are shown in UTC and say so.
export default getRequestConfig(async () => {
  const locale = await requestLocale();
  return { locale, messages: await messagesFor(locale), timeZone: "UTC" };
});
