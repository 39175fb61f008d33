import type { Metadata } from "next";
import { timeFormatter } from "@/app/words";
import Link from "next/link";
import { Fragment } from "react";
import { notFound } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { getDb } from "@/db/client";
import { CodedLabel, StatusBadge } from "@/components/badge";
import { DataTable } from "@/components/data-table";
import { getAdminLabels } from "@/components/labels";
import { Alert, PageHeading } from "@/components/form";
import { listActivity } from "@/lib/activity";
import { contactNotifications, findContact } from "@/lib/accounts/contacts";
import { findSuppression } from "@/lib/mail/suppression";
import { shopScope } from "@/lib/staff/scope";
import { requireStaff } from "../../../guard";
import { getNotificationTypeName } from "../../notifications/type-names";
import { ActionButton } from "@/components/action-forms";
import { resendContactActivationAction, setContactActiveAction } from "./actions";
import { contactConfirmations } from "./confirmations";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("office.contact"))("title") };
}

export default async function ContactPage({
  params,
  searchParams,
}: {
  params: Promise<{ id: string }>;
  searchParams: Promise<{ created?: string; lifted?: string }>;
}) {
  const formatTime = await timeFormatter();
  const { staff } = await requireStaff("customer_service");
  const db = await getDb();
  const scope = shopScope(staff);
  const contact = await findContact(db, (await params).id, scope);
  if (!contact) notFound();
  const { customer, shop, createdBy, attributes } = contact;
  const [notifications, activity, suppression, asking] = await Promise.all([
    contactNotifications(db, customer.id, scope),
    listActivity(db, staff, { customerId: customer.id, limit: 50 }),
    findSuppression(db, customer.email),
    contactConfirmations(customer, shop),
  ]);
  const { created, lifted } = await searchParams;
  const [labels, t, notificationTypeName] = await Promise.all([getAdminLabels(), getTranslations("office.contact"), getNotificationTypeName()]);
  return (
    <section className="max-w-4xl space-y-8">
      <p>
        <Link href="/admin/contacts">{t("allContacts")}</Link>
      </p>
      <PageHeading>{`${customer.firstName} ${customer.lastName}`.trim() || customer.email}</PageHeading>
      {lifted === "1" && !suppression ? <Alert tone="success">{t("suppression.lifted")}</Alert> : null}
      {created === "1" ? <Alert tone="success">{t("created")}</Alert> : null}
      {suppression ? (
        <section aria-labelledby="suppression-heading" className="space-y-3 rounded-md border border-amber-300 bg-amber-50 p-4">
          <h2 id="suppression-heading" className="font-semibold">{t("suppression.heading")}</h2>
          <p>{t("suppression.explain", { since: formatTime(suppression.createdAt), reason: suppression.reason })}</p>
          <ActionButton {...asking["remove-suppression"]} label={t("suppression.lift")} />
        </section>
      ) : null}
      <dl className="grid grid-cols-[max-content_1fr] gap-x-6 gap-y-2">
        <dt className="font-medium text-slate-700">{t("facts.email")}</dt>
        <dd>{customer.email}</dd>
        <dt className="font-medium text-slate-700">{t("facts.shop")}</dt>
        <dd>{shop.name}</dd>
        <dt className="font-medium text-slate-700">{t("facts.customerType")}</dt>
        <dd>{customer.customerType}</dd>
        {attributes.map((attribute) => (
          <Fragment key={attribute.code}>
            <dt className="font-medium text-slate-700">{attribute.label}</dt>
            <dd>{attribute.value || "—"}</dd>
          </Fragment>
        ))}
        <dt className="font-medium text-slate-700">{t("facts.status")}</dt>
        <dd>
          <StatusBadge labels={labels.customerStatus} code={customer.status} />
        </dd>
        <dt className="font-medium text-slate-700">{t("facts.created")}</dt>
        <dd>
          {formatTime(customer.createdAt)} {createdBy ? t("createdBy", { name: createdBy }) : t("selfRegistered")}
        </dd>
        <dt className="font-medium text-slate-700">{t("facts.activated")}</dt>
        <dd>{formatTime(customer.activatedAt)}</dd>
      </dl>
      <section aria-labelledby="actions-heading" className="space-y-4">
        <h2 id="actions-heading" className="text-lg font-semibold">{t("actions.heading")}</h2>
        <p className="text-slate-700">{t("actions.resetMode", { mode: shop.callCentreResetMode })}</p>
        <div className="flex flex-wrap gap-6">
          {customer.status === "active" ? <ActionButton {...asking["send-password-reset"]} label={t("actions.sendPasswordReset")} /> : null}
          {customer.status === "pending" ? (
            <ActionButton action={resendContactActivationAction.bind(null, customer.id)} label={t("actions.resendActivation")} />
          ) : null}
          {customer.status === "disabled" ? (
            <ActionButton action={setContactActiveAction.bind(null, customer.id, true)} label={t("actions.reactivate")} />
          ) : (
            <ActionButton {...asking.deactivate} label={t("actions.deactivate")} />
          )}
        </div>
      </section>
      <section aria-labelledby="notifications-heading" className="space-y-3">
        <h2 id="notifications-heading" className="text-lg font-semibold">{t("notifications.heading")}</h2>
        <p>
          <Link href={`/admin/notifications?${new URLSearchParams({ recipient: customer.email, shop: shop.id }).toString()}`}>{t("notifications.all")}</Link>
        </p>
        <DataTable
          rows={notifications}
          rowKey={(row) => row.id}
          empty={t("notifications.empty")}
          columns={[
            { header: t("notifications.columns.type"), cell: (row) => <Link href={`/admin/notifications/${row.id}`}>{notificationTypeName(row.type)}</Link> },
            {
              header: t("notifications.columns.status"),
              cell: (row) => (
                <>
                  <StatusBadge labels={labels.outboxStatus} code={row.status} />
                  {row.lastError ? <span className="ml-2 break-words text-slate-600">{row.lastError.slice(0, 80)}</span> : null}
                </>
              ),
            },
            { header: t("notifications.columns.attempts"), cell: (row) => row.attempts },
            { header: t("notifications.columns.queued"), cell: (row) => formatTime(row.createdAt) },
            { header: t("notifications.columns.sent"), cell: (row) => formatTime(row.sentAt) },
          ]}
        />
      </section>
      <section aria-labelledby="activity-heading" className="space-y-3">
        <h2 id="activity-heading" className="text-lg font-semibold">{t("activity.heading")}</h2>
        <ul className="space-y-1 text-sm">
          {activity.map((row) => (
            <li key={row.id}>
              {formatTime(row.at)} · <CodedLabel labels={labels.activityAction} code={row.action} /> · {t("activity.by", { actor: row.actorEmail ?? row.actorType })}
              {row.ip ? ` · ${t("activity.from", { ip: row.ip })}` : ""}
            </li>
          ))}
        </ul>
      </section>
    </section>
  );
}
