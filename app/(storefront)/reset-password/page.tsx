import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { getDb } from "@/db/client";
import { Alert, PageHeading } from "@/components/form";
import { inspectResetLink } from "@/lib/accounts/password-reset";
import { requireShop } from "../../request";
import { keptToken } from "../token-cookie";
import { NewPasswordForm } from "@/components/new-password-form";
import { resetPasswordAction } from "./actions";
import { GeneratedPasswordForm } from "./components";
import { titleFrom } from "../page-title";

export const generateMetadata = titleFrom("resetPassword.title");

export default async function ResetPasswordPage() {
  const shop = await requireShop();
  const token = await keptToken("reset-token");
  const link = await inspectResetLink(await getDb(), shop, token);
  const t = await getTranslations("storefront.resetPassword");
  if (!link.ok) {
    return (
      <section className="max-w-md space-y-6">
        <PageHeading>{t("invalidHeading")}</PageHeading>
        <Alert tone="error">{t("invalidExplanation")}</Alert>
        <p>
          <Link href="/forgot-password">{t("requestNewLink")}</Link>
        </p>
      </section>
    );
  }
  return (
    <section className="max-w-md space-y-6">
      <PageHeading>{t("heading")}</PageHeading>
      {link.mode === "user-controlled" ? (
        <>
          <p>{t("chooseIntro", { email: link.email })}</p>
          <NewPasswordForm action={resetPasswordAction} email={link.email} policy={link.policy} submitLabel={t("submit")} newLinkHref="/forgot-password" />
        </>
      ) : (
        <>
          <p>{t("generatedIntro", { email: link.email })}</p>
          <GeneratedPasswordForm />
        </>
      )}
    </section>
  );
}
