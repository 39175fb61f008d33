import { redirect } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { getDb } from "@/db/client";
import { PageHeading } from "@/components/form";
import { inspectActivationLink } from "@/lib/accounts/activation";
import { requireShop } from "../../../request";
import { keptToken } from "../../token-cookie";
import { NewPasswordForm } from "@/components/new-password-form";
import { setPasswordAndActivateAction } from "./actions";
import { titleFrom } from "../../page-title";

export const generateMetadata = titleFrom("activate.setPassword.title");

export default async function SetPasswordPage() {
  const shop = await requireShop();
  const link = await inspectActivationLink(await getDb(), shop, await keptToken("activation-token"));
  if (!link.ok) redirect("/activate/invalid");
  const t = await getTranslations("storefront.activate.setPassword");
  return (
    <section className="max-w-md space-y-6">
      <PageHeading>{t("heading")}</PageHeading>
      <p>{t("intro", { email: link.email })}</p>
      <NewPasswordForm action={setPasswordAndActivateAction} email={link.email} policy={link.policy} submitLabel={t("submit")} />
    </section>
  );
}
