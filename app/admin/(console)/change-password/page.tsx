import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { getDb } from "@/db/client";
import { Alert, PageHeading } from "@/components/form";
import { managerPasswordPolicy } from "@/lib/staff/preferences";
import { requireStaff } from "../../guard";
import { ChangePasswordForm } from "./components";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("console.changePassword"))("title") };
}

export default async function ChangePasswordPage() {
  const { staff } = await requireStaff(undefined, { allowTemporary: true });
  const policy = await managerPasswordPolicy(await getDb());
  const t = await getTranslations("console.changePassword");
  return (
    <section className="max-w-md space-y-6">
      <PageHeading>{t("title")}</PageHeading>
      {staff.passwordTemporary ? <Alert tone="info">{t("temporary")}</Alert> : <p className="text-slate-700">{t("intro")}</p>}
      <ChangePasswordForm policy={{ regex: policy.regex, regexMessage: policy.regexMessage }} email={staff.email} />
    </section>
  );
}
