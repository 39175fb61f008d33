import type { Metadata } from "next";
import Link from "next/link";
import { Fragment } from "react";
import { notFound } from "next/navigation";
import { getDb } from "@/db/client";
import { CodedLabel, StatusBadge } from "@/components/badge";
import { DataTable, formatUtc } from "@/components/data-table";
import { getAdminLabels } from "@/components/labels";
import { Alert, PageHeading } from "@/components/form";
import { listActivity } from "@/lib/activity";
import { contactNotifications, findContact } from "@/lib/accounts/contacts";
import { notificationTypeName } from "@/lib/mail/notifications";
import { findSuppression } from "@/lib/mail/suppression";
import type { SuppressionReason } from "@/db/schema";
import { shopScope } from "@/lib/staff/scope";
import { requireStaff } from "../../../guard";
import { ActionButton } from "@/components/action-forms";
import { resendContactActivationAction, setContactActiveAction } from "./actions";
import { contactConfirmations } from "./confirmations";

export const metadata: Metadata = { title: "Contact" };

const suppressionText = {
  heading: "E-mail suppressed",
  reasons: {
    bounce: "their address hard-bounced",
    complaint: "they marked an e-mail as spam",
  } satisfies Record<SuppressionReason, string>,
  explain: (reason: SuppressionReason, since: string) =>
    `No e-mails are sent to this address since ${since}: ${suppressionText.reasons[reason]}. Later e-mails are recorded as suppressed and not sent.`,
  lift: "Remove from suppression list",
  lifted: "The address was removed from the suppression list: e-mails to it are sent again.",
};

export default async function ContactPage({
  params,
  searchParams,
}: {
  params: Promise<{ id: string }>;
  searchParams: Promise<{ created?: string; lifted?: string }>;
}) {
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
  const labels = await getAdminLabels();
  return (
    <section className="max-w-4xl space-y-8">
      <p>
        <Link href="/admin/contacts">All contacts</Link>
      </p>
      <PageHeading>{`${customer.firstName} ${customer.lastName}`.trim() || customer.email}</PageHeading>
      {lifted === "1" && !suppression ? <Alert tone="success">{suppressionText.lifted}</Alert> : null}
      {created === "1" ? <Alert tone="success">The contact has been created and the activation e-mail sent.</Alert> : null}
      {suppression ? (
        <section aria-labelledby="suppression-heading" className="space-y-3 rounded-md border border-amber-300 bg-amber-50 p-4">
          <h2 id="suppression-heading" className="font-semibold">{suppressionText.heading}</h2>
          <p>{suppressionText.explain(suppression.reason, formatUtc(suppression.createdAt))}</p>
          <ActionButton {...asking["remove-suppression"]} label={suppressionText.lift} />
        </section>
      ) : null}
      <dl className="grid grid-cols-[max-content_1fr] gap-x-6 gap-y-2">
        <dt className="font-medium text-slate-700">Email</dt>
        <dd>{customer.email}</dd>
        <dt className="font-medium text-slate-700">Shop</dt>
        <dd>{shop.name}</dd>
        <dt className="font-medium text-slate-700">Customer type</dt>
        <dd>{customer.customerType}</dd>
        {attributes.map((attribute) => (
          <Fragment key={attribute.code}>
            <dt className="font-medium text-slate-700">{attribute.label}</dt>
            <dd>{attribute.value || "—"}</dd>
          </Fragment>
        ))}
        <dt className="font-medium text-slate-700">Status</dt>
        <dd>
          <StatusBadge labels={labels.customerStatus} code={customer.status} />
        </dd>
        <dt className="font-medium text-slate-700">Created</dt>
        <dd>
          {formatUtc(customer.createdAt)} {createdBy ? `by ${createdBy}` : "by self-registration"}
        </dd>
        <dt className="font-medium text-slate-700">Activated</dt>
        <dd>{formatUtc(customer.activatedAt)}</dd>
      </dl>
      <section aria-labelledby="actions-heading" className="space-y-4">
        <h2 id="actions-heading" className="text-lg font-semibold">Actions</h2>
        <p className="text-slate-700">
          Password resets for this shop {shop.callCentreResetMode === "link" ? "e-mail a reset link" : "e-mail a new generated password"}.
        </p>
        <div className="flex flex-wrap gap-6">
          {customer.status === "active" ? <ActionButton {...asking["send-password-reset"]} label="Send password reset" /> : null}
          {customer.status === "pending" ? (
            <ActionButton action={resendContactActivationAction.bind(null, customer.id)} label="Resend activation email" />
          ) : null}
          {customer.status === "disabled" ? (
            <ActionButton action={setContactActiveAction.bind(null, customer.id, true)} label="Reactivate" />
          ) : (
            <ActionButton {...asking.deactivate} label="Deactivate" />
          )}
        </div>
      </section>
      <section aria-labelledby="notifications-heading" className="space-y-3">
        <h2 id="notifications-heading" className="text-lg font-semibold">Notifications</h2>
        <p>
          <Link href={`/admin/notifications?${new URLSearchParams({ recipient: customer.email, shop: shop.id }).toString()}`}>All e-mails to this address</Link>
        </p>
        <DataTable
          rows={notifications}
          rowKey={(row) => row.id}
          empty="No e-mails yet."
          columns={[
            { header: "Type", cell: (row) => <Link href={`/admin/notifications/${row.id}`}>{notificationTypeName(row.type)}</Link> },
            {
              header: "Status",
              cell: (row) => (
                <>
                  <StatusBadge labels={labels.outboxStatus} code={row.status} />
                  {row.lastError ? <span className="ml-2 break-words text-slate-600">{row.lastError.slice(0, 80)}</span> : null}
                </>
              ),
            },
            { header: "Attempts", cell: (row) => row.attempts },
            { header: "Queued", cell: (row) => formatUtc(row.createdAt) },
            { header: "Sent", cell: (row) => formatUtc(row.sentAt) },
          ]}
        />
      </section>
      <section aria-labelledby="activity-heading" className="space-y-3">
        <h2 id="activity-heading" className="text-lg font-semibold">Activity</h2>
        <ul className="space-y-1 text-sm">
          {activity.map((row) => (
            <li key={row.id}>
              {formatUtc(row.at)} · <CodedLabel labels={labels.activityAction} code={row.action} /> · by {row.actorEmail ?? row.actorType}
              {row.ip ? ` · from ${row.ip}` : ""}
            </li>
          ))}
        </ul>
      </section>
    </section>
  );
}
