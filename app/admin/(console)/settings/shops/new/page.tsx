import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { PageHeading } from "@/components/form";
import { locales } from "@/i18n/locales";
import { shopScope } from "@/lib/staff/scope";
import { requireStaff } from "../../../../guard";
import { createShopAction } from "../actions";
import { ShopForm } from "../components";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("settings.shops.new"))("title") };
}

const defaults = { callCentreResetMode: "link", accentColor: "#2563eb", activationTtlHours: "24", contactActivationTtlHours: "72", resetTtlMinutes: "60", defaultLocale: "en", locales: locales.join(",") };

export default async function NewShopPage() {
  const { staff } = await requireStaff("shop_admin");
  // Only users who work in all shops may add one; for the others the page does not exist.
  if (shopScope(staff) !== null) notFound();
  const t = await getTranslations("settings.shops");
  return (
    <section className="max-w-2xl space-y-6">
      <p>
        <Link href="/admin/settings/shops">{t("allShops")}</Link>
      </p>
      <PageHeading>{t("new.title")}</PageHeading>
      <p className="text-slate-700">{t("new.intro")}</p>
      <ShopForm action={createShopAction} initial={defaults} isNew />
    </section>
  );
}
