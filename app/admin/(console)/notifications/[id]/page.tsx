import type { Metadata } from "next";
import { timeFormatter } from "@/app/words";
import Link from "next/link";
import type { ReactNode } from "react";
import { notFound } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { getDb } from "@/db/client";
import { StatusBadge } from "@/components/badge";
import { DataTable } from "@/components/data-table";
import { getAdminLabels } from "@/components/labels";
import { Alert, PageHeading, SubmitButton } from "@/components/form";
import { findNotification, notificationRoles, type ShownVariable } from "@/lib/mail/notifications-admin";
import { shopScope } from "@/lib/staff/scope";
import { requireStaff } from "../../../guard";
import { retryNotificationAction } from "../actions";
import { getNotificationTypeName } from "../type-names";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("office.notification"))("title") };
}

/** Retry's outcomes, as the page is told them (`?retry=…`). */
const outcomes = {
  queued: "success",
  "not-failed": "info",
  "content-gone": "error",
} satisfies Record<string, "success" | "info" | "error">;

/** The history's entries that are not statuses (those are badges) but words of the page. */
const pageEvents = { attempts: "attempts", "last error": "lastError" } as const;

export default async function NotificationPage({ params, searchParams }: { params: Promise<{ id: string }>; searchParams: Promise<{ retry?: string }> }) {
  const formatTime = await timeFormatter();
  const { staff } = await requireStaff(notificationRoles);
  const email = await findNotification(await getDb(), (await params).id, shopScope(staff));
  if (!email) notFound();
  const { retry } = await searchParams;
  const outcome = retry && Object.hasOwn(outcomes, retry) ? (retry as keyof typeof outcomes) : null;
  const [{ outboxStatus }, t, notificationTypeName] = await Promise.all([getAdminLabels(), getTranslations("office.notification"), getNotificationTypeName()]);
  /** Statuses in words (a badge, the code as its title); the history's other entries in the page's words, or as stored. */
  const status = (code: string): ReactNode =>
    Object.hasOwn(outboxStatus, code) ? (
      <StatusBadge labels={outboxStatus} code={code} />
    ) : Object.hasOwn(pageEvents, code) ? (
      t(`events.${pageEvents[code as keyof typeof pageEvents]}`)
    ) : (
      code
    );
  /** A variable as the page shows it: links and passwords never, only that they are hidden. */
  const shownValue = (variable: ShownVariable): string => {
    if ("hidden" in variable) return t(variable.hidden === "password" ? "hidden.password" : "hidden.link");
    if (typeof variable.value === "boolean") return variable.value ? t("yes") : t("no");
    return variable.value === null || variable.value === "" ? "—" : String(variable.value);
  };
  const facts: [string, ReactNode][] = [
    [t("facts.recipient"), email.recipient],
    [t("facts.shop"), email.shopName ?? t("backOffice")],
    [t("facts.status"), status(email.status)],
    [t("facts.attempts"), String(email.attempts)],
    [t("facts.lastError"), email.lastError ?? "—"],
    [t("facts.queued"), formatTime(email.createdAt, { seconds: true })],
    ...(email.status === "queued" || email.status === "sending" ? [[t("facts.nextAttempt"), formatTime(email.nextAttemptAt, { seconds: true })] as [string, ReactNode]] : []),
    [t("facts.sent"), formatTime(email.sentAt, { seconds: true })],
    [t("facts.providerId"), email.providerId ?? "—"],
  ];
  return (
    <section className="max-w-4xl space-y-8">
      <p>
        <Link href="/admin/notifications">{t("back")}</Link>
      </p>
      <PageHeading>{notificationTypeName(email.type)}</PageHeading>
      {outcome ? <Alert tone={outcomes[outcome]}>{t(`outcomes.${outcome}`)}</Alert> : null}
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
          <p className="text-slate-700">{t("retryIntro")}</p>
          <SubmitButton>{t("retry")}</SubmitButton>
        </form>
      ) : email.status === "failed" ? (
        <Alert tone="error">{t("contentGone")}</Alert>
      ) : null}
      <section aria-labelledby="variables-heading" className="space-y-3">
        <h2 id="variables-heading" className="text-lg font-semibold">
          {t("variables")}
        </h2>
        <p className="text-slate-700">{t("variablesIntro")}</p>
        <DataTable
          rows={email.variables}
          rowKey={(row) => row.name}
          caption={t("variables")}
          columns={[
            { header: t("variables"), cell: (row) => <code>{row.name}</code> },
            { header: t("detail"), cell: (row) => <span className="break-all">{shownValue(row)}</span> },
          ]}
        />
      </section>
      <section aria-labelledby="history-heading" className="space-y-3">
        <h2 id="history-heading" className="text-lg font-semibold">
          {t("history")}
        </h2>
        <DataTable
          rows={email.history.map((entry, index) => ({ ...entry, key: String(index) }))}
          rowKey={(row) => row.key}
          caption={t("history")}
          columns={[
            { header: t("when"), cell: (row) => (row.at ? formatTime(row.at, { seconds: true }) : "—"), nowrap: true },
            { header: t("event"), cell: (row) => status(row.event) },
            { header: t("detail"), cell: (row) => <span className="break-words">{row.detail ?? "—"}</span> },
          ]}
        />
      </section>
    </section>
  );
}
