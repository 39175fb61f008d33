import type { Metadata } from "next";
import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { getDb } from "@/db/client";
import { ButtonLink } from "@/components/button-link";
import { Alert, PageHeading } from "@/components/form";
import { LanguageForm } from "@/components/language-form";
import { SignedInDevices } from "@/components/signed-in-devices";
import { locales } from "@/i18n/locales";
import { getEnv } from "@/lib/env";
import { hrefWith } from "@/components/pagination";
import { dashboardCounts, dashboardLists, type DashboardCounts } from "@/lib/staff/dashboard";
import { hasSecondFactor, remainingRecoveryCodes } from "@/lib/staff/second-factor";
import { staffDevices } from "@/lib/staff/users";
import { requireStaff } from "../guard";
import { chooseStaffLanguageAction, signOutElsewhereAction } from "./actions";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("office.dashboard"))("title") };
}

type Tile = { text: string; href?: string };

/** The dashboard: the counts for the user's roles and shops, each leading to its list filtered accordingly. */
async function Dashboard({ counts, activity }: { counts: DashboardCounts; activity: boolean }) {
  const t = await getTranslations("dashboard");
  const groups: { heading: string; tiles: Tile[] }[] = [];
  const activityOf = (list: keyof typeof dashboardLists.activity) => (activity ? hrefWith("/admin/activity", dashboardLists.activity[list]) : undefined);
  const contacts = (list: keyof typeof dashboardLists.contacts) => hrefWith("/admin/contacts", dashboardLists.contacts[list]);
  const users = (list: keyof typeof dashboardLists.users) => hrefWith("/admin/users", dashboardLists.users[list]);
  if (counts.customers) {
    const { pendingOverADay, deactivated, signInLimited, signInsLastDay } = counts.customers;
    groups.push({
      heading: t("customers"),
      tiles: [
        { text: t("pendingOverADay", { count: pendingOverADay }), href: contacts("pendingOverADay") },
        { text: t("deactivated", { count: deactivated }), href: contacts("deactivated") },
        { text: t("signInLimited", { count: signInLimited }), href: contacts("signInLimited") },
        { text: t("signInsLastDay", { count: signInsLastDay }), href: activityOf("signInsLastDay") },
      ],
    });
  }
  if (counts.mail) {
    groups.push({
      heading: t("mail"),
      tiles: [
        { text: t("failed", { count: counts.mail.failed }), href: "/admin/notifications?status=failed" },
        { text: t("suppressedAddresses", { count: counts.mail.suppressedAddresses }), href: "/admin/notifications?status=suppressed" },
      ],
    });
  }
  if (counts.staff) {
    groups.push({
      heading: t("staff"),
      tiles: [
        { text: t("temporaryPasswords", { count: counts.staff.temporaryPasswords }), href: users("temporaryPasswords") },
        { text: t("deactivatedUsers", { count: counts.staff.deactivated }), href: users("deactivated") },
      ],
    });
  }
  if (groups.length === 0) return null;
  return (
    <section aria-labelledby="dashboard-heading" className="space-y-4">
      <h2 id="dashboard-heading" className="text-lg font-semibold">
        {t("heading")}
      </h2>
      <p className="text-slate-700">{t("intro")}</p>
      <div className="grid gap-4 sm:grid-cols-2">
        {groups.map((group) => (
          <section key={group.heading} aria-label={group.heading} className="space-y-2 rounded-md border border-slate-300 p-4">
            <h3 className="font-medium">{group.heading}</h3>
            <ul className="space-y-1">
              {group.tiles.map((tile) => (
                <li key={tile.text} className="break-words">
                  {tile.href ? <Link href={tile.href}>{tile.text}</Link> : tile.text}
                </li>
              ))}
            </ul>
          </section>
        ))}
      </div>
    </section>
  );
}

/** "Two-step sign-in" on the user's own page: on with the recovery codes left, or off with the way to set it up. */
async function TwoStepSignIn({ staffId }: { staffId: string }) {
  const t = await getTranslations("secondFactor.own");
  const db = await getDb();
  const on = await hasSecondFactor(db, staffId);
  return (
    <section aria-labelledby="two-step-heading" className="space-y-3">
      <h2 id="two-step-heading" className="text-lg font-semibold">
        {t("heading")}
      </h2>
      {on ? (
        <>
          <p className="text-slate-700">{t("on")}</p>
          <p className="text-slate-700">{t("remaining", { count: await remainingRecoveryCodes(db, staffId) })}</p>
        </>
      ) : (
        <>
          <p className="text-slate-700">{t("off")}</p>
          <p>
            <ButtonLink href="/admin/second-factor/set-up">{t("setUp")}</ButtonLink>
          </p>
        </>
      )}
    </section>
  );
}

/** The user's own page: who they are, what needs attention, and where they are signed in. */
export default async function AdminHomePage({ searchParams }: { searchParams: Promise<{ password?: string }> }) {
  const context = await requireStaff();
  const { staff } = context;
  const changed = (await searchParams).password === "changed";
  const db = await getDb();
  const [t, roles, language] = await Promise.all([getTranslations("office.dashboard"), getTranslations("console.roles"), getTranslations("console.language")]);
  const [devices, counts] = await Promise.all([staffDevices(db, context, getEnv().adminIdleMinutes), dashboardCounts(db, staff)]);
  return (
    <section className="max-w-3xl space-y-8">
      <div className="space-y-4">
        <PageHeading>{t("welcome", { name: staff.name })}</PageHeading>
        {changed ? <Alert tone="success">{t("passwordChanged")}</Alert> : null}
        <p className="text-slate-700">{t("signedInAs", { email: staff.email, roles: staff.roles.map((role) => roles(role)).join(", ") })}</p>
      </div>
      <Dashboard counts={counts} activity={staff.roles.some((role) => role === "user_manager" || role === "shop_admin")} />
      <TwoStepSignIn staffId={staff.id} />
      <LanguageForm
        action={chooseStaffLanguageAction}
        current={staff.locale}
        offered={locales}
        text={{ heading: language("heading"), intro: language("intro"), label: language("label"), submit: language("submit") }}
      />
      <SignedInDevices devices={devices} signOutElsewhere={signOutElsewhereAction} confirmHref="/admin/confirm/sign-out-elsewhere" />
    </section>
  );
}
