import "server-only";
import { getLocale, getTranslations } from "next-intl/server";
import { formatInstant } from "@/i18n/locales";
import { wordMessage, type CatalogueTranslator } from "@/i18n/message-code";

/** Message codes (i18n/message-code.ts) worded in the request's language, for what a page or action shows as it is. */
export async function messageWords(): Promise<(message: string) => string> {
  const t = (await getTranslations()) as unknown as CatalogueTranslator;
  return (message) => wordMessage(t, message);
}

/** Instants in the request's language, in UTC and saying so ("7 Dec 2026, 14:05 UTC"); "—" for none. */
export async function timeFormatter(): Promise<(date: Date | null | undefined, options?: { seconds?: boolean }) => string> {
  const locale = await getLocale();
  return (date, { seconds = false } = {}) => (date ? formatInstant(date, locale, { dateStyle: "medium", seconds }) : "—");
}
