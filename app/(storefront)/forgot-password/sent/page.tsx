import type { Metadata } from "next";
import Link from "next/link";
import { PageHeading } from "@/components/form";

export const metadata: Metadata = { title: "Check your inbox" };

/** The one answer of forgot password, whatever the e-mail address (no enumeration). */
export default function ResetLinkSentPage() {
  return (
    <section className="max-w-xl space-y-4">
      <PageHeading>Check your inbox</PageHeading>
      <p>
        If an account uses that e-mail address, we have sent it a message. Select the link in it to reset your
        password; the link works once and expires after a short time.
      </p>
      <p className="text-slate-700">
        Nothing arrived after a few minutes? Check your spam folder, or{" "}
        <Link href="/forgot-password">request another link</Link>.
      </p>
    </section>
  );
}
