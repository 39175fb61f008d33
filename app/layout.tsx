import type { Metadata } from "next";
import { NextIntlClientProvider } from "next-intl";
import { getLocale, getTranslations } from "next-intl/server";
import type { ReactNode } from "react";
import "./globals.css";

export const metadata: Metadata = {
  title: { default: "Storefront Accounts", template: "%s · Storefront Accounts" },
  referrer: "strict-origin-when-cross-origin",
};

/** Every page's first focusable element jumps past the header to the page's `<main id="content">`. */
export default async function RootLayout({ children }: { children: ReactNode }) {
  const t = await getTranslations("common");
  return (
    <html lang={await getLocale()}>
      <body className="min-h-screen">
        <a
          href="#content"
          className="sr-only rounded-md bg-white px-4 py-2 font-medium text-blue-800 shadow focus:not-sr-only focus:fixed focus:left-4 focus:top-4 focus:z-50 focus:ring-2 focus:ring-blue-700"
        >
          {t("skipToContent")}
        </a>
        <NextIntlClientProvider>{children}</NextIntlClientProvider>
      </body>
    </html>
  );
}
