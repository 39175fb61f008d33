import type { Metadata } from "next";
import Link from "next/link";
import { PageHeading } from "@/components/form";

export const metadata: Metadata = { title: "Check your inbox" };

/** The one answer of registration and resend-activation, whatever the e-mail address (no enumeration). */
export default function CheckInboxPage() {
  return (
    <section className="max-w-xl space-y-4">
      <PageHeading>Check your inbox</PageHeading>
      <p>
        We have sent a message to the e-mail address you entered with what to do next. To activate a new account,
        select the link in that message; it works once and expires after 24 hours.
      </p>
      <p className="text-slate-700">
        Nothing arrived after a few minutes? Check your spam folder, or{" "}
        <Link href="/resend-activation">send the activation e-mail again</Link>.
      </p>
    </section>
  );
}
