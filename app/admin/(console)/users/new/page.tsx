import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { getDb } from "@/db/client";
import { PageHeading } from "@/components/form";
import { shopScope, shopsInScope } from "@/lib/staff/scope";
import { requireStaff } from "../../../guard";
import { NewStaffForm } from "./components";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("users.new"))("title") };
}

export default async function NewStaffPage() {
  const { staff } = await requireStaff("user_manager");
  const scope = shopScope(staff);
  const shops = await shopsInScope(await getDb(), scope);
  const t = await getTranslations("users.new");
  return (
    <section className="max-w-md space-y-6">
      <PageHeading>{t("title")}</PageHeading>
      <p className="text-slate-700">{t("intro")}</p>
      <NewStaffForm shops={shops.map(({ code, name }) => ({ code, name }))} canGrantAll={scope === null} grantable={staff.roles} locale={staff.locale} />
    </section>
  );
}
