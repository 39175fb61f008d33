import "server-only";
import { cookies, headers } from "next/headers";
import { cache } from "react";
import { defaultLocale, locales, negotiateLocale, offeredLocales, type Locale } from "@/i18n/locales";
import { realmCookie } from "@/lib/http/cookies";
import { REQUEST_PATH_HEADER } from "@/lib/http/request-path";
import { currentSession } from "./admin/guard";
import { requestIsHttps, requestShop } from "./request";

/** A year: the shopper's choice of language outlives their sessions. */
export const LANGUAGE_COOKIE_MAX_AGE = 365 * 24 * 3600;

/** The storefront's cookie that keeps the shopper's choice from the language switcher (`shop.lang`, `__Host-` over https). */
export async function languageCookie(): Promise<ReturnType<typeof realmCookie>> {
  return realmCookie("shop", "lang", await requestIsHttps());
}

/** The path this request is for, as proxy.ts recorded it. */
export async function requestPath(): Promise<string> {
  return (await headers()).get(REQUEST_PATH_HEADER) ?? "/";
}

/**
 * The language of this request (SPEC §9). The back office: the signed-in user's own choice, else the browser's. The
 * storefront: the switcher's cookie, else Accept-Language, else the shop's default, always one the shop offers.
 */
export const requestLocale = cache(async (): Promise<Locale> => {
  const acceptLanguage = (await headers()).get("accept-language");
  if (/^\/admin(\/|\?|$)/.test(await requestPath())) {
    const session = await currentSession();
    if (session) return session.staff.locale;
    return negotiateLocale({ acceptLanguage, offered: locales, fallback: defaultLocale });
  }
  const shop = await requestShop();
  if (!shop) return negotiateLocale({ acceptLanguage, offered: locales, fallback: defaultLocale });
  const chosen = (await cookies()).get((await languageCookie()).name)?.value;
  return negotiateLocale({ chosen, acceptLanguage, offered: offeredLocales(shop), fallback: shop.defaultLocale });
});
