import type { Metadata } from "next";
import Link from "next/link";
import { redirect } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { PageHeading } from "@/components/form";
import { nextSignInStep, requireStaff } from "../guard";
import { VerifyCodeForm } from "./components";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("secondFactor.verify"))("title") };
}

/**
 * The sign-in's second step (SPEC §10): a code from the authenticator app, or with `?method=recovery` one of the
 * recovery codes (a link, so it works without JavaScript). A session that owes a set-up instead goes to set it up.
 */
export default async function SecondFactorPage({ searchParams }: { searchParams: Promise<{ method?: string }> }) {
  const context = await requireStaff(undefined, { allowSecondFactor: true });
  if (context.secondFactor === "set-up") redirect("/admin/second-factor/set-up");
  if (context.secondFactor !== "verify") redirect(nextSignInStep(context) ?? "/admin");
  const recovery = (await searchParams).method === "recovery";
  const t = await getTranslations("secondFactor.verify");
  return (
    <section className="max-w-md space-y-6">
      <PageHeading>{t("title")}</PageHeading>
      <p className="text-slate-700">{t(recovery ? "recoveryIntro" : "intro")}</p>
      {/* A key per method: switching starts the other form afresh. */}
      <VerifyCodeForm key={recovery ? "recovery" : "app"} recovery={recovery} />
      <p>
        <Link href={recovery ? "/admin/second-factor" : "/admin/second-factor?method=recovery"}>{t(recovery ? "useApp" : "useRecovery")}</Link>
      </p>
    </section>
  );
}
