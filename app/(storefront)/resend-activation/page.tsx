import { getTranslations } from "next-intl/server";
import { PageHeading } from "@/components/form";
import { EmailForm } from "@/components/email-form";
import { resendActivationAction } from "./actions";
import { titleFrom } from "../page-title";

export const generateMetadata = titleFrom("resendActivation.title");

export default async function ResendActivationPage() {
  const t = await getTranslations("storefront.resendActivation");
  return (
    <section className="max-w-md space-y-6">
      <PageHeading>{t("heading")}</PageHeading>
      <p>{t("intro")}</p>
      <EmailForm action={resendActivationAction} submitLabel={t("submit")} />
    </section>
  );
}
