import type { Metadata } from "next";
import Link from "next/link";
import { getDb } from "@/db/client";
import { DataTable } from "@/components/data-table";
import { formatInstant } from "@/i18n/locales";
import { PageHeading } from "@/components/form";
import { listMailbox } from "@/lib/mail/mailbox";

export const metadata: Metadata = { title: "Local mailbox", robots: { index: false } };
export const dynamic = "force-dynamic";

export default async function MailboxPage() {
  const messages = await listMailbox(await getDb());
  return (
    <section className="space-y-6">
      <PageHeading>Local mailbox</PageHeading>
      <p className="text-slate-700">
        E-mails stay here instead of being sent, because no e-mail provider is configured (set RESEND_API_KEY to send
        them). Newest first.
      </p>
      <DataTable
        rows={messages}
        rowKey={(message) => message.id}
        empty="No e-mails yet."
        columns={[
          { header: "Received", cell: (message) => formatInstant(message.createdAt, "en", { dateStyle: "medium", seconds: true }), nowrap: true },
          { header: "To", cell: (message) => message.to },
          { header: "Subject", cell: (message) => <Link href={`/dev/mailbox/${message.id}`}>{message.subject}</Link> },
        ]}
      />
    </section>
  );
}
