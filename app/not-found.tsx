import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { requestHost, requestShop } from "./request";

/** Unknown hosts get "no shop here" (SPEC §2); unknown pages of a known shop get a plain not-found. */
export default async function NotFound() {
  const shop = await requestShop().catch(() => null);
  const host = (await requestHost()) ?? "";
  const t = await getTranslations("storefront.notFound");
  return (
    <main id="content" tabIndex={-1} className="mx-auto max-w-xl px-6 py-16">
      <h1 className="text-2xl font-semibold">{shop ? t("heading") : t("noShopHeading")}</h1>
      <p className="mt-4 text-slate-700">
        {shop
          ? t("message")
          : t("noShopMessage", { host: host.slice(0, 100) || t("thisAddress") })}
      </p>
      {shop ? (
        <p className="mt-6">
          <Link href="/">{t("home", { shop: shop.name })}</Link>
        </p>
      ) : null}
    </main>
  );
}
