import type { Metadata } from "next";
import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { getDb } from "@/db/client";
import { PageHeading } from "@/components/form";
import { DEFAULT_MANAGER_PASSWORD_REGEX, managerPasswordRegex, secondFactorRequired } from "@/lib/staff/preferences";
import { requireStaff } from "../../guard";
import { ManagerRegexForm, SecondFactorRequiredForm } from "./components";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("settings.index"))("title") };
}

export default async function SettingsPage() {
  await requireStaff("shop_admin");
  const db = await getDb();
  const [pattern, required, t] = await Promise.all([managerPasswordRegex(db), secondFactorRequired(db), getTranslations("settings.index")]);
  return (
    <section className="max-w-2xl space-y-6">
      <PageHeading>{t("title")}</PageHeading>
      <nav aria-label={t("title")}>
        <ul className="space-y-2">
          <li>
            <Link href="/admin/settings/shops">{t("shops")}</Link>
            <span className="text-slate-700">{t("shopsDescription")}</span>
          </li>
          <li>
            <Link href="/admin/settings/attributes">{t("attributes")}</Link>
            <span className="text-slate-700">{t("attributesDescription")}</span>
          </li>
        </ul>
      </nav>
      <section aria-labelledby="preferences-heading" className="space-y-3">
        <h2 id="preferences-heading" className="text-lg font-semibold">{t("preferencesHeading")}</h2>
        <p className="text-slate-700">
          {t.rich("defaultPattern", {
            pattern: DEFAULT_MANAGER_PASSWORD_REGEX,
            code: (chunks) => <code className="break-all">{chunks}</code>,
          })}
        </p>
        <ManagerRegexForm pattern={pattern} />
        <SecondFactorRequiredForm required={required} />
      </section>
    </section>
  );
}
