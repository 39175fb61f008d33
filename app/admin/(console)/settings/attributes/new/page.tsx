import type { Metadata } from "next";
import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { PageHeading } from "@/components/form";
import { requireStaff } from "../../../../guard";
import { createAttributeAction } from "../actions";
import { AttributeForm } from "../components";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("settings.attributes"))("newAttribute") };
}

export default async function NewAttributePage() {
  await requireStaff("shop_admin");
  const t = await getTranslations("settings.attributes");
  return (
    <section className="max-w-2xl space-y-6">
      <p>
        <Link href="/admin/settings/attributes">{t("allAttributes")}</Link>
      </p>
      <PageHeading>{t("newAttribute")}</PageHeading>
      <AttributeForm action={createAttributeAction} />
    </section>
  );
}
