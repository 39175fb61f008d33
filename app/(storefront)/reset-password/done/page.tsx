import { getTranslations } from "next-intl/server";
import { SignInNext } from "@/components/outcome-page";
import { titleFrom } from "../../page-title";

export const generateMetadata = titleFrom("resetPassword.done.title");

export default async function PasswordChangedPage({ searchParams }: { searchParams: Promise<{ emailed?: string }> }) {
  const t = await getTranslations("storefront.resetPassword.done");
  return (await searchParams).emailed === "1" ? (
    <SignInNext heading={t("emailedHeading")} message={t("emailedMessage")} />
  ) : (
    <SignInNext heading={t("heading")} message={t("message")} />
  );
}
