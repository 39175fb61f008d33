import { createTranslator } from "next-intl";
import { formatInstant, type Locale } from "../../i18n/locales";
import de from "../../messages/de/emails.json" with { type: "json" };
import en from "../../messages/en/emails.json" with { type: "json" };
import ru from "../../messages/ru/emails.json" with { type: "json" };
import uk from "../../messages/uk/emails.json" with { type: "json" };

/** The e-mails' words in each language (messages/<locale>/emails.json; English is the reference every other must match). */
const catalogues: Record<Locale, typeof en> = { en, de, ru, uk };


/** The e-mails' translator for a language (English when none is given): `t("layout.hello", { firstName })`. */
export function emailText(locale: Locale = "en") {
  return createTranslator({ locale, messages: { emails: catalogues[locale] }, namespace: "emails" });
}

export type EmailText = ReturnType<typeof emailText>;

/**
 * "14 March 2026 at 15:30 UTC", "14. März 2026 um 15:30 UTC": an instant in the language's words, in UTC and saying so.
 * Expiry instants are produced by our own code, so a bad one is a bug.
 */
export function formatExpiry(iso: string, locale: Locale = "en"): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) throw new Error(`expiresAt is not a valid date: ${iso}`);
  return formatInstant(date, locale);
}
