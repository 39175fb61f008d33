import { localeNames, type Locale } from "@/i18n/locales";

/**
 * The storefront's languages as plain links (they work without JavaScript and are never prefetched: following one
 * sets a cookie). Each name is written in its own language; the current one is marked, not linked.
 */
export function LanguageSwitcher({
  current,
  offered,
  back,
  label,
  switchTo,
}: {
  current: Locale;
  offered: Locale[];
  back: string;
  label: string;
  switchTo: (language: string) => string;
}) {
  if (offered.length < 2) return null;
  return (
    <nav aria-label={label}>
      <ul className="flex flex-wrap items-center gap-x-3 gap-y-1">
        {offered.map((locale) =>
          locale === current ? (
            <li key={locale}>
              <span aria-current="true" lang={locale} className="font-semibold text-slate-900">
                {localeNames[locale]}
              </span>
            </li>
          ) : (
            <li key={locale}>
              <a
                href={`/language?${new URLSearchParams({ to: locale, back })}`}
                hrefLang={locale}
                lang={locale}
                title={switchTo(localeNames[locale])}
                className="text-accent underline underline-offset-2 hover:decoration-2"
              >
                {localeNames[locale]}
              </a>
            </li>
          ),
        )}
      </ul>
    </nav>
  );
}
