import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { PageHeading } from "@/components/form";
import { currentSession, nextSignInStep } from "../../guard";
import { AdminSignInForm } from "./components";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("console.login"))("title") };
}

export default async function AdminSignInPage() {
  const session = await currentSession();
  if (session) redirect(nextSignInStep(session) ?? "/admin");
  const [t, forms, brand] = await Promise.all([getTranslations("console.login"), getTranslations("forms"), getTranslations("secondFactor")]);
  return (
    <main id="content" tabIndex={-1} className="mx-auto max-w-md space-y-6 px-6 py-16">
      <p className="text-sm font-medium uppercase tracking-wide text-slate-600">{brand("brand")}</p>
      <PageHeading>{forms("signIn")}</PageHeading>
      <AdminSignInForm />
      <p className="text-sm text-slate-700">{t("forgot")}</p>
    </main>
  );
}
