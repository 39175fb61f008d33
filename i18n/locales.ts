/**
 * The languages of SPEC §9 and how a request's language is chosen: the shopper's own choice (the switcher's cookie),
 * then the browser's Accept-Language, then the shop's default — always one the shop offers.
 */
export const locales = ["en", "de", "ru", "uk"] as const;
export type Locale = (typeof locales)[number];

export const defaultLocale: Locale = "en";

/** Each language's name in itself, as a switcher shows it. */
export const localeNames: Record<Locale, string> = { en: "English", de: "Deutsch", ru: "Русский", uk: "Українська" };

export function isLocale(value: unknown): value is Locale {
  return typeof value === "string" && (locales as readonly string[]).includes(value);
}

/** At most this many Accept-Language entries are read: the header is the client's to make as long as it likes. */
const MAX_RANGES = 20;

/**
 * The language ranges of an Accept-Language header, most wanted first (equal weights keep their order), each as its
 * primary subtag in lower case ("de-AT;q=0.8" → "de"); ranges with q=0 or a malformed weight are left out.
 */
export function acceptedLanguages(header: string | null | undefined): string[] {
  if (!header) return [];
  const ranges = header
    .slice(0, 1000)
    .split(",")
    .slice(0, MAX_RANGES)
    .map((part, index) => {
      const [range, ...params] = part.trim().split(";");
      const weight = params.map((param) => /^\s*q\s*=\s*([01](?:\.\d{0,3})?)\s*$/i.exec(param)).find(Boolean);
      const q = weight ? Number(weight[1]) : params.length > 0 ? NaN : 1;
      return { tag: range.trim().toLowerCase().split("-")[0], q, index };
    })
    .filter((range) => /^[a-z]{1,8}$|^\*$/.test(range.tag) && range.q > 0 && range.q <= 1);
  return ranges.sort((a, b) => b.q - a.q || a.index - b.index).map((range) => range.tag);
}

/** The languages a shop offers (Settings › Shops), in the usual order, its default always among them. */
export function offeredLocales(shop: { locales: readonly string[]; defaultLocale: Locale }): Locale[] {
  const offered = locales.filter((locale) => shop.locales.includes(locale));
  return offered.includes(shop.defaultLocale) ? offered : [shop.defaultLocale, ...offered];
}

export type LocaleChoice = {
  /** The shopper's explicit choice (the switcher's cookie), if any. */
  chosen?: string | null;
  acceptLanguage?: string | null;
  /** The languages the shop offers, its default among them. */
  offered: readonly Locale[];
  fallback: Locale;
};

/** The language of a request: the explicit choice, else the best of Accept-Language, else the default — each only if offered. */
export function negotiateLocale({ chosen, acceptLanguage, offered, fallback }: LocaleChoice): Locale {
  const offers = (tag: unknown): tag is Locale => isLocale(tag) && offered.includes(tag);
  if (offers(chosen)) return chosen;
  for (const tag of acceptedLanguages(acceptLanguage)) {
    if (tag === "*") break;
    if (offers(tag)) return tag;
  }
  return offers(fallback) ? fallback : (offered.find(isLocale) ?? defaultLocale);
}

/** The language tag each language's dates and numbers are written in. */
export const languageTags: Record<Locale, string> = { en: "en-GB", de: "de-DE", ru: "ru-RU", uk: "uk-UA" };

/**
 * An instant in the language's words, in UTC and saying so (SPEC §9): "14 March 2026 at 15:30 UTC" (long, e-mails),
 * "14 Mar 2026, 15:30 UTC" (medium, pages and tables), with seconds where a log needs them.
 */
export function formatInstant(
  date: Date,
  locale: Locale,
  { dateStyle = "long", seconds = false }: { dateStyle?: "long" | "medium"; seconds?: boolean } = {},
): string {
  const formatted = new Intl.DateTimeFormat(languageTags[locale], { dateStyle, timeStyle: seconds ? "medium" : "short", timeZone: "UTC" }).format(date);
  return `${formatted} UTC`;
}
