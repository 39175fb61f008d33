import { getTranslations } from "next-intl/server";
import { SignInNext } from "@/components/outcome-page";
import { titleFrom } from "../../page-title";

export const generateMetadata = titleFrom("activate.done.title");

export default async function ActivatedPage({ searchParams }: { searchParams: Promise<{ already?: string; emailed?: string }> }) {
  const { already, emailed } = await searchParams;
  const t = await getTranslations("storefront.activate.done");
  if (already === "1") {
    return <SignInNext heading={t("alreadyHeading")} message={t("alreadyMessage")} />;
  }
  return (
    <SignInNext
      heading={t("heading")}
      message={emailed === "1" ? t("emailedMessage") : t("message")}
    />
  );
}
