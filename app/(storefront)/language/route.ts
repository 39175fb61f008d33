import { cookies } from "next/headers";
import { storefrontReturnPath } from "@/lib/http/request-path";
import { offeredLocales } from "@/i18n/locales";
import { LANGUAGE_COOKIE_MAX_AGE, languageCookie } from "../../locale";
import { requestShop } from "../../request";

/**
 * The language switcher's links (SPEC §9): `/language?to=de&back=/register` keeps the choice in the shop's cookie and
 * returns to the page, with or without JavaScript. A language the shop does not offer, or none, changes nothing; the
 * way back is always a storefront path of this host.
 */
export async function GET(request: Request): Promise<Response> {
  const url = new URL(request.url);
  const shop = await requestShop();
  const to = url.searchParams.get("to");
  if (shop && offeredLocales(shop).some((locale) => locale === to)) {
    const cookie = await languageCookie();
    (await cookies()).set(cookie.name, to!, { ...cookie.options, maxAge: LANGUAGE_COOKIE_MAX_AGE });
  }
  const back = storefrontReturnPath(url.searchParams.get("back"));
  return new Response(null, { status: 303, headers: { Location: back, "Cache-Control": "no-store" } });
}
