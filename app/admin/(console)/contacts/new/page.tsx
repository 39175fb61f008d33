import type { Metadata } from "next";
import { firstParam } from "@/lib/paging";
import { getTranslations } from "next-intl/server";
import { getDb } from "@/db/client";
import { PageHeading } from "@/components/form";
import { shopsWithTypes } from "@/lib/accounts/contacts";
import { shopScope } from "@/lib/staff/scope";
import { requireStaff } from "../../../guard";
import { NewContactForm } from "./components";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("office.newContact"))("title") };
}

const one = (value: string | string[] | undefined) => firstParam(value).slice(0, 100);

export default async function NewContactPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const { staff } = await requireStaff("customer_service");
  const shops = await shopsWithTypes(await getDb(), shopScope(staff));
  const params = await searchParams;
  const t = await getTranslations("office.newContact");
  return (
    <section className="max-w-md space-y-6">
      <PageHeading>{t("title")}</PageHeading>
      <p className="text-slate-700">{t("intro")}</p>
      {shops.length === 0 ? (
        <p>{t("noTypes")}</p>
      ) : (
        <NewContactForm shops={shops} initial={{ shopId: one(params.shop), customerType: one(params.type) }} />
      )}
    </section>
  );
}
