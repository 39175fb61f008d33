import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { PageHeading } from "@/components/form";
import { titleFrom } from "../../page-title";

export const generateMetadata = titleFrom("forgotPassword.sent.title");

/** The one answer of forgot password, whatever the e-mail address (no enumeration). */
export default async function ResetLinkSentPage() {
  const t = await getTranslations("storefront.forgotPassword.sent");
  return (
    <section className="max-w-xl space-y-4">
      <PageHeading>{t("heading")}</PageHeading>
      <p>{t("message")}</p>
      <p className="text-slate-700">
        {t.rich("nothingArrived", { link: (chunks) => <Link href="/forgot-password">{chunks}</Link> })}
      </p>
    </section>
  );
}
