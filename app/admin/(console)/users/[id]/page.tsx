import type { Metadata } from "next";
import { timeFormatter } from "@/app/words";
import Link from "next/link";
import { notFound } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { getDb } from "@/db/client";

import { Alert, PageHeading } from "@/components/form";
import { describeShopScope, shopScope, shopsInScope, withinShopScope } from "@/lib/staff/scope";
import { hasSecondFactor, remainingRecoveryCodes } from "@/lib/staff/second-factor";
import { findStaff } from "@/lib/staff/users";
import { requireStaff } from "../../../guard";
import { setStaffRolesAction, setStaffShopsAction, setStaffStatusAction } from "./actions";
import { userConfirmations } from "./confirmations";
import { ActionButton } from "@/components/action-forms";
import { RolesForm, ShopsForm } from "./components";
import { shopScopeWords } from "../shop-scope-words";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("users.user"))("title") };
}

export default async function StaffDetailsPage({
  params,
  searchParams,
}: {
  params: Promise<{ id: string }>;
  searchParams: Promise<{ created?: string; reset?: string }>;
}) {
  const formatTime = await timeFormatter();
  const { staff } = await requireStaff("user_manager");
  const db = await getDb();
  const user = await findStaff(db, (await params).id);
  if (!user) notFound();
  const viewerScope = shopScope(staff);
  const userScope = shopScope(user);
  const [grantable, asking, factor, t, tu, labels, scopeWords] = await Promise.all([
    shopsInScope(db, viewerScope),
    userConfirmations(user),
    hasSecondFactor(db, user.id),
    getTranslations("secondFactor.user"),
    getTranslations("users.user"),
    getTranslations("admin.labels.staffStatus"),
    shopScopeWords(),
  ]);
  const codesLeft = factor ? await remainingRecoveryCodes(db, user.id) : 0;
  const { created: createdParam, reset } = await searchParams;
  const created = createdParam === "1";
  const disabled = user.status === "disabled";
  return (
    <section className="max-w-2xl space-y-8">
      <p>
        <Link href="/admin/users">{tu("allUsers")}</Link>
      </p>
      <PageHeading>{user.name}</PageHeading>
      {created ? <Alert tone="success">{tu("created")}</Alert> : null}
      <dl className="grid grid-cols-[max-content_1fr] gap-x-6 gap-y-2">
        <dt className="font-medium text-slate-700">{tu("email")}</dt>
        <dd>{user.email}</dd>
        <dt className="font-medium text-slate-700">{tu("status")}</dt>
        <dd>{disabled ? labels("disabled") : labels("active")}</dd>
        <dt className="font-medium text-slate-700">{tu("password")}</dt>
        <dd>
          {user.passwordTemporary ? tu("temporary", { date: formatTime(user.temporaryExpiresAt) }) : tu("chosen")}
        </dd>
        <dt className="font-medium text-slate-700">{tu("shops")}</dt>
        <dd>{describeShopScope(userScope, grantable, scopeWords)}</dd>
        <dt className="font-medium text-slate-700">{tu("createdAt")}</dt>
        <dd>{formatTime(user.createdAt)}</dd>
      </dl>
      <section aria-labelledby="roles-heading" className="space-y-3">
        <h2 id="roles-heading" className="text-lg font-semibold">{tu("rolesHeading")}</h2>
        <RolesForm action={setStaffRolesAction.bind(null, user.id)} roles={user.roles} grantable={staff.roles} own={user.id === staff.id} />
      </section>
      <section aria-labelledby="shops-heading" className="space-y-3">
        <h2 id="shops-heading" className="text-lg font-semibold">{tu("shopsHeading")}</h2>
        {withinShopScope(userScope, viewerScope) ? (
          <ShopsForm
            action={setStaffShopsAction.bind(null, user.id)}
            shops={grantable.map(({ code, name }) => ({ code, name }))}
            canGrantAll={viewerScope === null}
            chosen={{ all: userScope === null, codes: grantable.filter((shop) => userScope?.includes(shop.id)).map((shop) => shop.code) }}
          />
        ) : (
          <p className="text-slate-700">{tu("outsideScope")}</p>
        )}
      </section>
      <section aria-labelledby="password-heading" className="space-y-3">
        <h2 id="password-heading" className="text-lg font-semibold">{tu("passwordHeading")}</h2>
        <p className="text-slate-700">{tu("passwordIntro")}</p>
        <ActionButton {...asking["reset-password"]} label={tu("resetPassword")} />
      </section>
      <section aria-labelledby="two-step-heading" className="space-y-3">
        <h2 id="two-step-heading" className="text-lg font-semibold">{t("heading")}</h2>
        {reset === "second-factor" && !factor ? <Alert tone="success">{t("done", { email: user.email })}</Alert> : null}
        <p className="text-slate-700">{factor ? t("on", { count: codesLeft }) : t("off")}</p>
        {factor && withinShopScope(userScope, viewerScope) ? (
          <>
            <p className="text-slate-700">{t("resetHint")}</p>
            <ActionButton {...asking["reset-second-factor"]} label={t("reset")} />
          </>
        ) : null}
        {factor && !withinShopScope(userScope, viewerScope) ? <p className="text-slate-700">{t("outsideScope")}</p> : null}
      </section>
      <section aria-labelledby="status-heading" className="space-y-3">
        <h2 id="status-heading" className="text-lg font-semibold">{tu("accessHeading")}</h2>
        {disabled ? (
          <ActionButton action={setStaffStatusAction.bind(null, user.id, "active")} label={tu("reactivate")} />
        ) : (
          <ActionButton {...asking.deactivate} label={tu("deactivate")} />
        )}
      </section>
    </section>
  );
}
