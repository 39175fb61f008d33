import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { PageHeading } from "@/components/form";
import { EmailForm } from "@/components/email-form";
import { forgotPasswordAction } from "./actions";
import { titleFrom } from "../page-title";

export const generateMetadata = titleFrom("forgotPassword.title");

export default async function ForgotPasswordPage() {
  const t = await getTranslations("storefront.forgotPassword");
  return (
    <section className="max-w-md space-y-6">
      <PageHeading>{t("heading")}</PageHeading>
      <p>{t("intro")}</p>
      <EmailForm action={forgotPasswordAction} submitLabel={t("submit")} />
      <p className="text-sm text-slate-700">
        {t.rich("remembered", { link: (chunks) => <Link href="/login">{chunks}</Link> })}
      </p>
    </section>
  );
}
