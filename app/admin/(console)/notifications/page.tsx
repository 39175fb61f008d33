import type { Metadata } from "next";
import { firstParam } from "@/lib/paging";
import Link from "next/link";
import { getDb } from "@/db/client";
import { outboxStatuses } from "@/db/schema";
import { StatusBadge } from "@/components/badge";
import { DataTable, formatUtc } from "@/components/data-table";
import { getAdminLabels } from "@/components/labels";
import { LiveFilterForm } from "@/components/live-filter-form";
import { hrefWith, KeysetPagination } from "@/components/pagination";
import { Alert, Field, PageHeading, SelectField } from "@/components/form";
import { notificationTypeName, notificationTypes } from "@/lib/mail/notifications";
import { BACK_OFFICE_SHOP, notificationRoles, searchNotifications } from "@/lib/mail/notifications-admin";
import { shopScope, shopsInScope } from "@/lib/staff/scope";
import { requireStaff } from "../../guard";
import { retryAllFailedAction } from "./actions";

export const metadata: Metadata = { title: "Notifications" };

/** Every string of the page. */
const notificationsText = {
  heading: "Notifications",
  search: "Find e-mails",
  status: "Status",
  anyStatus: "Any status",
  type: "Type",
  anyType: "Any type",
  shop: "Shop",
  allShops: "All shops",
  allYourShops: "All your shops",
  backOffice: "Back office (no shop)",
  recipient: "Recipient",
  recipientHint: "Part of the address",
  apply: "Apply",
  caption: "E-mails, newest first",
  empty: "No e-mails match.",
  clearFilters: "Clear the filters",
  count: (total: number, more: boolean) => `${more ? "More than " : ""}${total.toLocaleString("en")} e-mail${total === 1 ? "" : "s"}`,
  invalidFilter: "Some filter values are not valid, so nothing is listed. Correct them and apply again.",
  retryAll: "Retry all failed",
  retryAllHint: "Queues every failed e-mail that matches the filter again; each is still sent at most once.",
  retried: (count: number) => (count === 0 ? "No failed e-mail matched the filter: nothing was retried." : `${count} failed e-mail${count === 1 ? " was" : "s were"} queued again.`),
  gone: (count: number) => `${count} failed e-mail${count === 1 ? "" : "s"} could not be retried: the content is no longer kept. Send a new one from the contact's page.`,
  columns: { type: "Type", recipient: "Recipient", shop: "Shop", status: "Status", attempts: "Attempts", lastError: "Last error", queued: "Queued", sent: "Sent" },
};

const one = (value: string | string[] | undefined) => firstParam(value).slice(0, 600);

/** A select's options, with a value that is not one of them kept so that the form shows what was asked. */
const withAsked = (options: { value: string; label: string }[], asked: string) =>
  asked && !options.some((option) => option.value === asked) ? [...options, { value: asked, label: asked }] : options;

export default async function NotificationsPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const { staff } = await requireStaff(notificationRoles);
  const scope = shopScope(staff);
  const params = await searchParams;
  const chosen = { status: one(params.status), type: one(params.type), shop: one(params.shop), recipient: one(params.recipient) };
  const after = one(params.after);
  const db = await getDb();
  const [page, shopList] = await Promise.all([searchNotifications(db, { ...chosen, after }, scope), shopsInScope(db, scope)]);
  const labels = await getAdminLabels();
  const invalid = Object.keys(page.problems).length > 0;
  const retried = one(params.retried);
  const gone = Number(one(params.gone)) || 0;
  const shopOptions = [
    ...shopList.map((shop) => ({ value: shop.id, label: shop.name })),
    ...(scope === null ? [{ value: BACK_OFFICE_SHOP, label: notificationsText.backOffice }] : []),
  ];
  return (
    <section className="space-y-6">
      <PageHeading>{notificationsText.heading}</PageHeading>
      {/^\d+$/.test(retried) ? <Alert tone="success">{notificationsText.retried(Number(retried))}</Alert> : null}
      {gone > 0 ? <Alert tone="error">{notificationsText.gone(gone)}</Alert> : null}
      {invalid ? <Alert tone="error">{notificationsText.invalidFilter}</Alert> : null}
      <LiveFilterForm label={notificationsText.search} submitLabel={notificationsText.apply} className="flex flex-wrap items-start gap-4">
        <SelectField
          label={notificationsText.status}
          name="status"
          defaultValue={chosen.status}
          anyLabel={notificationsText.anyStatus}
          errors={page.problems.status}
          options={withAsked(outboxStatuses.map((status) => ({ value: status, label: labels.outboxStatus[status] ?? status })), chosen.status)}
        />
        <SelectField
          label={notificationsText.type}
          name="type"
          defaultValue={chosen.type}
          anyLabel={notificationsText.anyType}
          errors={page.problems.type}
          options={withAsked(notificationTypes.map((type) => ({ value: type, label: notificationTypeName(type) })), chosen.type)}
        />
        <SelectField
          label={notificationsText.shop}
          name="shop"
          defaultValue={chosen.shop}
          anyLabel={scope === null ? notificationsText.allShops : notificationsText.allYourShops}
          errors={page.problems.shop}
          options={withAsked(shopOptions, chosen.shop)}
        />
        <div className="w-72 max-w-full">
          <Field label={notificationsText.recipient} name="recipient" type="search" defaultValue={chosen.recipient} hint={notificationsText.recipientHint} maxLength={200} />
        </div>
      </LiveFilterForm>
      <div className="flex flex-wrap items-center justify-between gap-4">
        <p role="status" className="text-sm text-slate-700">
          {notificationsText.count(page.total, page.more)}
        </p>
        {invalid ? null : (
          <form action={retryAllFailedAction} className="flex flex-wrap items-center gap-3">
            {Object.entries(chosen).map(([name, value]) => (
              <input key={name} type="hidden" name={name} value={value} />
            ))}
            <span className="text-sm text-slate-600">{notificationsText.retryAllHint}</span>
            <button type="submit" className="rounded-md border border-blue-700 px-4 py-2 font-medium text-blue-800 hover:bg-blue-50">
              {notificationsText.retryAll}
            </button>
          </form>
        )}
      </div>
      <DataTable
        rows={page.rows}
        rowKey={(row) => row.id}
        caption={notificationsText.caption}
        empty={
          <>
            {notificationsText.empty} {Object.values(chosen).some(Boolean) ? <Link href="/admin/notifications">{notificationsText.clearFilters}</Link> : null}
          </>
        }
        columns={[
          { header: notificationsText.columns.type, cell: (row) => <Link href={`/admin/notifications/${row.id}`}>{notificationTypeName(row.type)}</Link> },
          { header: notificationsText.columns.recipient, cell: (row) => <span className="break-all">{row.recipient}</span> },
          { header: notificationsText.columns.shop, cell: (row) => row.shopName ?? notificationsText.backOffice },
          { header: notificationsText.columns.status, cell: (row) => <StatusBadge labels={labels.outboxStatus} code={row.status} /> },
          { header: notificationsText.columns.attempts, cell: (row) => row.attempts },
          { header: notificationsText.columns.lastError, cell: (row) => <span className="break-words">{row.lastError?.slice(0, 120) ?? "—"}</span> },
          { header: notificationsText.columns.queued, cell: (row) => formatUtc(row.createdAt), nowrap: true },
          { header: notificationsText.columns.sent, cell: (row) => formatUtc(row.sentAt), nowrap: true },
        ]}
      />
      <KeysetPagination
        firstHref={after ? hrefWith("/admin/notifications", chosen) : null}
        nextHref={page.next ? hrefWith("/admin/notifications", { ...chosen, after: page.next }) : null}
      />
    </section>
  );
}
