import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { Alert, PageHeading } from "@/components/form";
import { titleFrom } from "../../page-title";

export const generateMetadata = titleFrom("activate.invalid.title");

export default async function InvalidActivationPage() {
  const t = await getTranslations("storefront.activate.invalid");
  return (
    <section className="max-w-md space-y-6">
      <PageHeading>{t("heading")}</PageHeading>
      <Alert tone="error">{t("explanation")}</Alert>
      <p>
        <Link href="/resend-activation" className="font-medium">
          {t("resend")}
        </Link>
      </p>
    </section>
  );
}
