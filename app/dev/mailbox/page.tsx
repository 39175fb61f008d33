import type { Metadata } from "next";
import Link from "next/link";
import { getDb } from "@/db/client";
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
      {messages.length === 0 ? (
        <p>No e-mails yet.</p>
      ) : (
        <table className="w-full border-collapse text-left text-sm">
          <thead>
            <tr className="border-b border-slate-300">
              <th scope="col" className="py-2 pr-4">Received</th>
              <th scope="col" className="py-2 pr-4">To</th>
              <th scope="col" className="py-2 pr-4">Subject</th>
            </tr>
          </thead>
          <tbody>
            {messages.map((message) => (
              <tr key={message.id} className="border-b border-slate-200">
                <td className="py-2 pr-4 whitespace-nowrap">{message.createdAt.toISOString().replace("T", " ").slice(0, 19)} UTC</td>
                <td className="py-2 pr-4">{message.to}</td>
                <td className="py-2 pr-4">
                  <Link href={`/dev/mailbox/${message.id}`}>{message.subject}</Link>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
