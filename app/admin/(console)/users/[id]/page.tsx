import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { getDb } from "@/db/client";
import { formatUtc } from "@/components/data-table";
import { Alert, PageHeading } from "@/components/form";
import { describeShopScope, shopScope, shopsInScope, withinShopScope } from "@/lib/staff/scope";
import { hasSecondFactor, remainingRecoveryCodes } from "@/lib/staff/second-factor";
import { findStaff } from "@/lib/staff/users";
import { requireStaff } from "../../../guard";
import { setStaffRolesAction, setStaffShopsAction, setStaffStatusAction } from "./actions";
import { userConfirmations } from "./confirmations";
import { ActionButton } from "@/components/action-forms";
import { RolesForm, ShopsForm } from "./components";

export const metadata: Metadata = { title: "Business user" };

export default async function StaffDetailsPage({
  params,
  searchParams,
}: {
  params: Promise<{ id: string }>;
  searchParams: Promise<{ created?: string; reset?: string }>;
}) {
  const { staff } = await requireStaff("user_manager");
  const db = await getDb();
  const user = await findStaff(db, (await params).id);
  if (!user) notFound();
  const viewerScope = shopScope(staff);
  const userScope = shopScope(user);
  const [grantable, asking, factor, t] = await Promise.all([
    shopsInScope(db, viewerScope),
    userConfirmations(user),
    hasSecondFactor(db, user.id),
    getTranslations("secondFactor.user"),
  ]);
  const codesLeft = factor ? await remainingRecoveryCodes(db, user.id) : 0;
  const { created: createdParam, reset } = await searchParams;
  const created = createdParam === "1";
  const disabled = user.status === "disabled";
  return (
    <section className="max-w-2xl space-y-8">
      <p>
        <Link href="/admin/users">All business users</Link>
      </p>
      <PageHeading>{user.name}</PageHeading>
      {created ? <Alert tone="success">The user has been created and their temporary password e-mailed to them.</Alert> : null}
      <dl className="grid grid-cols-[max-content_1fr] gap-x-6 gap-y-2">
        <dt className="font-medium text-slate-700">Email</dt>
        <dd>{user.email}</dd>
        <dt className="font-medium text-slate-700">Status</dt>
        <dd>{disabled ? "Deactivated" : "Active"}</dd>
        <dt className="font-medium text-slate-700">Password</dt>
        <dd>
          {user.passwordTemporary
            ? `Temporary, valid until ${formatUtc(user.temporaryExpiresAt)}`
            : "Chosen by the user"}
        </dd>
        <dt className="font-medium text-slate-700">Shops</dt>
        <dd>{describeShopScope(userScope, grantable)}</dd>
        <dt className="font-medium text-slate-700">Created</dt>
        <dd>{formatUtc(user.createdAt)}</dd>
      </dl>
      <section aria-labelledby="roles-heading" className="space-y-3">
        <h2 id="roles-heading" className="text-lg font-semibold">Roles</h2>
        <RolesForm action={setStaffRolesAction.bind(null, user.id)} roles={user.roles} grantable={staff.roles} own={user.id === staff.id} />
      </section>
      <section aria-labelledby="shops-heading" className="space-y-3">
        <h2 id="shops-heading" className="text-lg font-semibold">Shops</h2>
        {withinShopScope(userScope, viewerScope) ? (
          <ShopsForm
            action={setStaffShopsAction.bind(null, user.id)}
            shops={grantable.map(({ code, name }) => ({ code, name }))}
            canGrantAll={viewerScope === null}
            chosen={{ all: userScope === null, codes: grantable.filter((shop) => userScope?.includes(shop.id)).map((shop) => shop.code) }}
          />
        ) : (
          <p className="text-slate-700">
            This user also works in shops outside yours, so only a user manager of those shops can change their shops.
          </p>
        )}
      </section>
      <section aria-labelledby="password-heading" className="space-y-3">
        <h2 id="password-heading" className="text-lg font-semibold">Password</h2>
        <p className="text-slate-700">E-mails a new temporary password and ends the user&apos;s open sessions.</p>
        <ActionButton {...asking["reset-password"]} label="Reset password" />
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
        <h2 id="status-heading" className="text-lg font-semibold">Access</h2>
        {disabled ? (
          <ActionButton action={setStaffStatusAction.bind(null, user.id, "active")} label="Reactivate" />
        ) : (
          <ActionButton {...asking.deactivate} label="Deactivate" />
        )}
      </section>
    </section>
  );
}
