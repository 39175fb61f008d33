import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { PageHeading } from "@/components/form";
import { titleFrom } from "../page-title";

export const generateMetadata = titleFrom("checkInbox.title");

/** The one answer of registration and resend-activation, whatever the e-mail address (no enumeration). */
export default async function CheckInboxPage() {
  const t = await getTranslations("storefront.checkInbox");
  return (
    <section className="max-w-xl space-y-4">
      <PageHeading>{t("heading")}</PageHeading>
      <p>{t("sent")}</p>
      <p className="text-slate-700">
        {t.rich("nothingArrived", { link: (chunks) => <Link href="/resend-activation">{chunks}</Link> })}
      </p>
    </section>
  );
}
