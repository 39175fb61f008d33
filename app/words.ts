import "server-only";
import { getTranslations } from "next-intl/server";
import { wordMessage, type CatalogueTranslator } from "@/lib/i18n/message-code";

/** Message codes (lib/i18n/message-code.ts) worded in the request's language, for what a page or action shows as it is. */
export async function messageWords(): Promise<(message: string) => string> {
  const t = (await getTranslations()) as unknown as CatalogueTranslator;
  return (message) => wordMessage(t, message);
}
