import Link from "next/link";
import { redirect } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { PageHeading } from "@/components/form";
import { safeRedirectPath } from "@/lib/http/redirects";
import { signedInCustomer } from "../../auth";
import { requireShop } from "../../request";
import { titleFrom } from "../page-title";
import { SignInForm } from "./components";

export const generateMetadata = titleFrom("signIn.title");

export default async function SignInPage({ searchParams }: { searchParams: Promise<{ next?: string | string[] }> }) {
  const shop = await requireShop();
  const next = safeRedirectPath((await searchParams).next, "/account");
  if (await signedInCustomer(shop.id)) redirect(next);
  const t = await getTranslations("storefront.signIn");
  return (
    <section className="max-w-md space-y-6">
      <PageHeading>{t("heading")}</PageHeading>
      <SignInForm next={next} />
      <p className="text-sm text-slate-700">
        <Link href="/forgot-password">{t("forgotPassword")}</Link>
      </p>
      <p className="text-sm text-slate-700">
        {t.rich("newHere", { link: (chunks) => <Link href="/register">{chunks}</Link> })}
      </p>
    </section>
  );
}
