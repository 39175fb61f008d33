import type { Metadata } from "next";
import { timeFormatter } from "@/app/words";
import { firstParam } from "@/lib/paging";
import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { getDb } from "@/db/client";
import { outboxStatuses } from "@/db/schema";
import { StatusBadge } from "@/components/badge";
import { DataTable } from "@/components/data-table";
import { getAdminLabels } from "@/components/labels";
import { LiveFilterForm } from "@/components/live-filter-form";
import { hrefWith, KeysetPagination } from "@/components/pagination";
import { Alert, Field, PageHeading, SelectField } from "@/components/form";
import { notificationTypes } from "@/lib/mail/notifications";
import { BACK_OFFICE_SHOP, notificationRoles, searchNotifications } from "@/lib/mail/notifications-admin";
import { shopScope, shopsInScope } from "@/lib/staff/scope";
import { requireStaff } from "../../guard";
import { retryAllFailedAction } from "./actions";
import { getNotificationTypeName } from "./type-names";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("office.notifications"))("title") };
}

const one = (value: string | string[] | undefined) => firstParam(value).slice(0, 600);

/** A select's options, with a value that is not one of them kept so that the form shows what was asked. */
const withAsked = (options: { value: string; label: string }[], asked: string) =>
  asked && !options.some((option) => option.value === asked) ? [...options, { value: asked, label: asked }] : options;

export default async function NotificationsPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const formatTime = await timeFormatter();
  const { staff } = await requireStaff(notificationRoles);
  const scope = shopScope(staff);
  const params = await searchParams;
  const chosen = { status: one(params.status), type: one(params.type), shop: one(params.shop), recipient: one(params.recipient) };
  const after = one(params.after);
  const db = await getDb();
  const [page, shopList] = await Promise.all([searchNotifications(db, { ...chosen, after }, scope), shopsInScope(db, scope)]);
  const [labels, t, notificationTypeName] = await Promise.all([getAdminLabels(), getTranslations("office.notifications"), getNotificationTypeName()]);
  const invalid = Object.keys(page.problems).length > 0;
  const retried = one(params.retried);
  const gone = Number(one(params.gone)) || 0;
  const shopOptions = [
    ...shopList.map((shop) => ({ value: shop.id, label: shop.name })),
    ...(scope === null ? [{ value: BACK_OFFICE_SHOP, label: t("backOffice") }] : []),
  ];
  return (
    <section className="space-y-6">
      <PageHeading>{t("heading")}</PageHeading>
      {/^\d+$/.test(retried) ? <Alert tone="success">{t("retried", { count: Number(retried) })}</Alert> : null}
      {gone > 0 ? <Alert tone="error">{t("gone", { count: gone })}</Alert> : null}
      {invalid ? <Alert tone="error">{t("invalidFilter")}</Alert> : null}
      <LiveFilterForm label={t("search")} submitLabel={t("apply")} className="flex flex-wrap items-start gap-4">
        <SelectField
          label={t("status")}
          name="status"
          defaultValue={chosen.status}
          anyLabel={t("anyStatus")}
          errors={page.problems.status && t("problems.status", page.problems.status)}
          options={withAsked(outboxStatuses.map((status) => ({ value: status, label: labels.outboxStatus[status] ?? status })), chosen.status)}
        />
        <SelectField
          label={t("type")}
          name="type"
          defaultValue={chosen.type}
          anyLabel={t("anyType")}
          errors={page.problems.type && t("problems.type", page.problems.type)}
          options={withAsked(notificationTypes.map((type) => ({ value: type, label: notificationTypeName(type) })), chosen.type)}
        />
        <SelectField
          label={t("shop")}
          name="shop"
          defaultValue={chosen.shop}
          anyLabel={t(scope === null ? "allShops" : "allYourShops")}
          errors={page.problems.shop && t("problems.shop")}
          options={withAsked(shopOptions, chosen.shop)}
        />
        <div className="w-72 max-w-full">
          <Field label={t("recipient")} name="recipient" type="search" defaultValue={chosen.recipient} hint={t("recipientHint")} maxLength={200} />
        </div>
      </LiveFilterForm>
      <div className="flex flex-wrap items-center justify-between gap-4">
        <p role="status" className="text-sm text-slate-700">
          {t("count", { total: page.total, more: page.more ? "more" : "exact" })}
        </p>
        {invalid ? null : (
          <form action={retryAllFailedAction} className="flex flex-wrap items-center gap-3">
            {Object.entries(chosen).map(([name, value]) => (
              <input key={name} type="hidden" name={name} value={value} />
            ))}
            <span className="text-sm text-slate-600">{t("retryAllHint")}</span>
            <button type="submit" className="rounded-md border border-blue-700 px-4 py-2 font-medium text-blue-800 hover:bg-blue-50">
              {t("retryAll")}
            </button>
          </form>
        )}
      </div>
      <DataTable
        rows={page.rows}
        rowKey={(row) => row.id}
        caption={t("caption")}
        empty={
          <>
            {t("empty")} {Object.values(chosen).some(Boolean) ? <Link href="/admin/notifications">{t("clearFilters")}</Link> : null}
          </>
        }
        columns={[
          { header: t("columns.type"), cell: (row) => <Link href={`/admin/notifications/${row.id}`}>{notificationTypeName(row.type)}</Link> },
          { header: t("columns.recipient"), cell: (row) => <span className="break-all">{row.recipient}</span> },
          { header: t("columns.shop"), cell: (row) => row.shopName ?? t("backOffice") },
          { header: t("columns.status"), cell: (row) => <StatusBadge labels={labels.outboxStatus} code={row.status} /> },
          { header: t("columns.attempts"), cell: (row) => row.attempts },
          { header: t("columns.lastError"), cell: (row) => <span className="break-words">{row.lastError?.slice(0, 120) ?? "—"}</span> },
          { header: t("columns.queued"), cell: (row) => formatTime(row.createdAt), nowrap: true },
          { header: t("columns.sent"), cell: (row) => formatTime(row.sentAt), nowrap: true },
        ]}
      />
      <KeysetPagination
        firstHref={after ? hrefWith("/admin/notifications", chosen) : null}
        nextHref={page.next ? hrefWith("/admin/notifications", { ...chosen, after: page.next }) : null}
      />
    </section>
  );
}
