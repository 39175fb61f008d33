import Link from "next/link";
import { getLocale, getTranslations } from "next-intl/server";
import type { CSSProperties, ReactNode } from "react";
import { LanguageSwitcher } from "@/components/language-switcher";
import { storefrontReturnPath } from "@/lib/http/request-path";
import { offeredLocales } from "@/i18n/locales";
import { requestPath } from "../locale";
import { requireShop } from "../request";
import { signedInCustomer } from "../auth";
import { signOutAction } from "./actions";

/**
 * Every storefront page depends on the host (its shop): never render one at build time or serve one host's
 * render to another. Reading the headers already makes these pages dynamic; this says so where it matters.
 */
export const dynamic = "force-dynamic";

const DEFAULT_ACCENT = "#1d4ed8";

/** The shop's accent as the page's --accent and link colour; a stored value of another shape never reaches CSS. */
function accentStyle(accentColor: string): CSSProperties {
  const accent = /^#[0-9a-f]{6}$/i.test(accentColor) ? accentColor : DEFAULT_ACCENT;
  return { "--accent": accent, "--link": accent } as CSSProperties;
}

/** Settings › Shops accepts https logos only; anything else shows the name alone. */
function logoOf(logoUrl: string | null): string | null {
  return logoUrl && /^https:\/\/[^\s"'<>]+$/i.test(logoUrl) ? logoUrl : null;
}

export default async function StorefrontLayout({ children }: { children: ReactNode }) {
  const shop = await requireShop();
  const customer = await signedInCustomer(shop.id);
  const t = await getTranslations("storefront.layout");
  const logo = logoOf(shop.logoUrl);
  const signOut = (className: string) => (
    <form action={signOutAction}>
      <button type="submit" className={className}>
        {t("signOut")}
      </button>
    </form>
  );
  return (
    <div style={accentStyle(shop.accentColor)} className="flex min-h-screen flex-col">
      <header className="border-b border-slate-200 bg-white">
        <div className="h-1 bg-accent" aria-hidden="true" />
        <div className="mx-auto flex max-w-3xl flex-wrap items-center justify-between gap-x-6 gap-y-2 px-4 py-4 sm:px-6">
          <Link href="/" className="flex min-w-0 items-center gap-3 text-lg font-semibold text-slate-900 no-underline">
            {logo ? (
              // An external https image of any host (the shop's own setting); next/image would need each host configured.
              // eslint-disable-next-line @next/next/no-img-element
              <img src={logo} alt="" data-testid="shop-logo" className="h-8 w-auto max-w-[8rem] object-contain" />
            ) : null}
            <span className="truncate">{shop.name}</span>
          </Link>
          <nav aria-label={t("accountNav")}>
            <ul className="flex items-center gap-4 text-sm font-medium">
              {customer ? (
                <>
                  <li>
                    <Link href="/account">{t("myAccount")}</Link>
                  </li>
                  <li>{signOut("rounded-md border border-accent px-3 py-1.5 text-accent hover:bg-slate-50")}</li>
                </>
              ) : (
                <>
                  <li>
                    <Link href="/login">{t("signIn")}</Link>
                  </li>
                  <li>
                    <Link href="/register" className="rounded-md bg-accent px-3 py-1.5 text-white no-underline shadow-sm hover:brightness-90">
                      {t("createAccount")}
                    </Link>
                  </li>
                </>
              )}
            </ul>
          </nav>
        </div>
      </header>
      <main id="content" tabIndex={-1} className="mx-auto w-full max-w-3xl flex-1 px-4 py-10 sm:px-6">
        {children}
      </main>
      <footer className="border-t border-slate-200 bg-white text-sm text-slate-600">
        <div className="mx-auto flex max-w-3xl flex-col gap-3 px-4 py-6 sm:flex-row sm:items-center sm:justify-between sm:px-6">
          <p className="font-medium text-slate-800">{shop.name}</p>
          <nav aria-label={t("footerNav")}>
            <ul className="flex flex-wrap items-center gap-x-4 gap-y-1">
              {customer ? (
                <>
                  <li>
                    <Link href="/account">{t("myAccount")}</Link>
                  </li>
                  <li>{signOut("text-accent underline underline-offset-2 hover:decoration-2")}</li>
                </>
              ) : (
                <>
                  <li>
                    <Link href="/login">{t("signIn")}</Link>
                  </li>
                  <li>
                    <Link href="/register">{t("createAccount")}</Link>
                  </li>
                  <li>
                    <Link href="/forgot-password">{t("forgotPassword")}</Link>
                  </li>
                </>
              )}
            </ul>
          </nav>
          <LanguageSwitcher
            current={await getLocale()}
            offered={offeredLocales(shop)}
            back={storefrontReturnPath(await requestPath())}
            label={t("language")}
            switchTo={(language) => t("switchTo", { language })}
          />
        </div>
      </footer>
    </div>
  );
}
