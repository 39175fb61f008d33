import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { getDb } from "@/db/client";
import { Alert, PageHeading } from "@/components/form";
import { QrCode } from "@/components/qr-code";
import { hasSecondFactor, pendingSecondFactorSetup } from "@/lib/staff/second-factor";
import { requireStaff } from "../../guard";
import { SetUpSteps } from "../components";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("secondFactor.setUp"))("title") };
}

/**
 * Setting up the authenticator app: from the user's own page, or before anything else when the preference requires
 * it. It shows the key, so it is never cached (proxy.ts) and the key is in no URL.
 */
export default async function SetUpSecondFactorPage() {
  const context = await requireStaff(undefined, { allowSecondFactor: true });
  if (context.secondFactor === "verify") redirect("/admin/second-factor");
  const db = await getDb();
  const [on, pending] = await Promise.all([hasSecondFactor(db, context.staff.id), pendingSecondFactorSetup(db, context.staff.id)]);
  const t = await getTranslations("secondFactor.setUp");
  const phase = on ? "on" : pending ? "confirm" : "start";
  return (
    <section className="max-w-2xl space-y-6">
      <PageHeading>{t("title")}</PageHeading>
      {context.secondFactor === "set-up" ? <Alert tone="info">{t("required")}</Alert> : null}
      {phase === "start" ? <p className="text-slate-700">{t("intro")}</p> : null}
      <SetUpSteps
        phase={phase}
        secret={pending?.secret}
        qr={pending ? <QrCode text={pending.otpauthUri} label={t("qrLabel")} /> : undefined}
        next="/admin"
      />
    </section>
  );
}
