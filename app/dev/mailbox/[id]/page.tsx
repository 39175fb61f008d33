import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { getDb } from "@/db/client";
import { PageHeading } from "@/components/form";
import { getEnv } from "@/lib/env";
import { openMailboxMessage } from "@/lib/mail/mailbox";
import { EmailPreview } from "./email-preview";

export const metadata: Metadata = { title: "E-mail", robots: { index: false }, referrer: "no-referrer" };

export default async function MailboxMessagePage({ params }: { params: Promise<{ id: string }> }) {
  const message = await openMailboxMessage(await getDb(), getEnv().authSecret, (await params).id);
  if (!message) notFound();
  const links = [...new Set(message.text.match(/https?:\/\/[^\s<>()"\]]+/g) ?? [])];
  return (
    <article className="space-y-6">
      <p>
        <Link href="/dev/mailbox">Back to the mailbox</Link>
      </p>
      <PageHeading>{message.subject}</PageHeading>
      <dl className="grid grid-cols-[max-content_1fr] gap-x-6 gap-y-1 text-sm">
        <dt className="font-medium">From</dt>
        <dd>{message.from}</dd>
        <dt className="font-medium">To</dt>
        <dd>{message.to}</dd>
        <dt className="font-medium">Type</dt>
        <dd>{message.type}</dd>
      </dl>
      {links.length ? (
        <section aria-labelledby="links-heading" className="space-y-2">
          <h2 id="links-heading" className="text-lg font-semibold">Links in this e-mail</h2>
          <ul className="list-disc pl-6">
            {links.map((link) => (
              <li key={link}>
                <a href={link} rel="noreferrer">{link}</a>
              </li>
            ))}
          </ul>
        </section>
      ) : null}
      <section aria-labelledby="html-heading" className="space-y-2">
        <h2 id="html-heading" className="text-lg font-semibold">HTML</h2>
        <EmailPreview title="HTML part of the e-mail" html={message.html} />
      </section>
      <section aria-labelledby="text-heading" className="space-y-2">
        <h2 id="text-heading" className="text-lg font-semibold">Plain text</h2>
        <pre className="overflow-x-auto whitespace-pre-wrap rounded border border-slate-300 bg-white p-4 text-sm">{message.text}</pre>
      </section>
    </article>
  );
}
