import type { Metadata } from "next";
import Link from "next/link";
import type { ReactNode } from "react";
import { notFound } from "next/navigation";
import { getDb } from "@/db/client";
import { StatusBadge } from "@/components/badge";
import { DataTable, formatUtc } from "@/components/data-table";
import { getAdminLabels } from "@/components/labels";
import { Alert, PageHeading, SubmitButton } from "@/components/form";
import { notificationTypeName } from "@/lib/mail/notifications";
import { findNotification, notificationRoles, type ShownVariable } from "@/lib/mail/notifications-admin";
import { shopScope } from "@/lib/staff/scope";
import { requireStaff } from "../../../guard";
import { retryNotificationAction } from "../actions";

export const metadata: Metadata = { title: "Notification" };

/** Every string of the page. */
const notificationText = {
  back: "All notifications",
  facts: { recipient: "Recipient", shop: "Shop", status: "Status", attempts: "Attempts", lastError: "Last error", queued: "Queued", nextAttempt: "Next attempt", sent: "Sent", providerId: "Provider id" },
  backOffice: "Back office (no shop)",
  variables: "Variables",
  variablesIntro: "What the e-mail was written with. Links and passwords are never shown.",
  hidden: { link: "link hidden", resetLink: "link hidden", password: "password hidden" } satisfies Record<"link" | "resetLink" | "password", string>,
  yes: "yes",
  no: "no",
  history: "History",
  when: "When",
  event: "Event",
  detail: "Detail",
  retry: "Retry",
  retryIntro: "This e-mail failed. Retry queues it once more; it is never sent twice.",
  contentGone: "This e-mail failed and its content is no longer kept, so it cannot be retried. Send a new one from the contact's page.",
  outcomes: {
    queued: { tone: "success", text: "The e-mail was queued again and will be sent shortly." },
    "not-failed": { tone: "info", text: "Only a failed e-mail can be retried; this one is not failed (any more)." },
    "content-gone": { tone: "error", text: "This e-mail's content is no longer kept, so it cannot be retried." },
  } satisfies Record<string, { tone: "success" | "info" | "error"; text: string }>,
};

function shownValue(variable: ShownVariable): string {
  if ("hidden" in variable) return notificationText.hidden[variable.hidden];
  if (typeof variable.value === "boolean") return variable.value ? notificationText.yes : notificationText.no;
  return variable.value === null || variable.value === "" ? "—" : String(variable.value);
}

export default async function NotificationPage({ params, searchParams }: { params: Promise<{ id: string }>; searchParams: Promise<{ retry?: string }> }) {
  const { staff } = await requireStaff(notificationRoles);
  const email = await findNotification(await getDb(), (await params).id, shopScope(staff));
  if (!email) notFound();
  const { retry } = await searchParams;
  const outcome = retry && Object.hasOwn(notificationText.outcomes, retry) ? notificationText.outcomes[retry as keyof typeof notificationText.outcomes] : null;
  const { outboxStatus } = await getAdminLabels();
  /** Statuses in words (a badge, the code as its title); the history's other entries are words already. */
  const status = (code: string): ReactNode => (Object.hasOwn(outboxStatus, code) ? <StatusBadge labels={outboxStatus} code={code} /> : code);
  const facts: [string, ReactNode][] = [
    [notificationText.facts.recipient, email.recipient],
    [notificationText.facts.shop, email.shopName ?? notificationText.backOffice],
    [notificationText.facts.status, status(email.status)],
    [notificationText.facts.attempts, String(email.attempts)],
    [notificationText.facts.lastError, email.lastError ?? "—"],
    [notificationText.facts.queued, formatUtc(email.createdAt, { seconds: true })],
    ...(email.status === "queued" || email.status === "sending" ? [[notificationText.facts.nextAttempt, formatUtc(email.nextAttemptAt, { seconds: true })] as [string, ReactNode]] : []),
    [notificationText.facts.sent, formatUtc(email.sentAt, { seconds: true })],
    [notificationText.facts.providerId, email.providerId ?? "—"],
  ];
  return (
    <section className="max-w-4xl space-y-8">
      <p>
        <Link href="/admin/notifications">{notificationText.back}</Link>
      </p>
      <PageHeading>{notificationTypeName(email.type)}</PageHeading>
      {outcome ? <Alert tone={outcome.tone}>{outcome.text}</Alert> : null}
      <dl className="grid grid-cols-[max-content_minmax(0,1fr)] gap-x-6 gap-y-2">
        {facts.map(([term, value]) => (
          <div key={term} className="contents">
            <dt className="font-medium text-slate-700">{term}</dt>
            <dd className="break-words">{value}</dd>
          </div>
        ))}
      </dl>
      {email.retryable ? (
        <form action={retryNotificationAction.bind(null, email.id)} className="space-y-3">
          <p className="text-slate-700">{notificationText.retryIntro}</p>
          <SubmitButton>{notificationText.retry}</SubmitButton>
        </form>
      ) : email.status === "failed" ? (
        <Alert tone="error">{notificationText.contentGone}</Alert>
      ) : null}
      <section aria-labelledby="variables-heading" className="space-y-3">
        <h2 id="variables-heading" className="text-lg font-semibold">
          {notificationText.variables}
        </h2>
        <p className="text-slate-700">{notificationText.variablesIntro}</p>
        <DataTable
          rows={email.variables}
          rowKey={(row) => row.name}
          caption={notificationText.variables}
          columns={[
            { header: notificationText.variables, cell: (row) => <code>{row.name}</code> },
            { header: notificationText.detail, cell: (row) => <span className="break-all">{shownValue(row)}</span> },
          ]}
        />
      </section>
      <section aria-labelledby="history-heading" className="space-y-3">
        <h2 id="history-heading" className="text-lg font-semibold">
          {notificationText.history}
        </h2>
        <DataTable
          rows={email.history.map((entry, index) => ({ ...entry, key: String(index) }))}
          rowKey={(row) => row.key}
          caption={notificationText.history}
          columns={[
            { header: notificationText.when, cell: (row) => (row.at ? formatUtc(row.at, { seconds: true }) : "—"), nowrap: true },
            { header: notificationText.event, cell: (row) => status(row.event) },
            { header: notificationText.detail, cell: (row) => <span className="break-words">{row.detail ?? "—"}</span> },
          ]}
        />
      </section>
    </section>
  );
}
