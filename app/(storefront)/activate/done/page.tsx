import type { Metadata } from "next";
import Link from "next/link";
import { Alert, PageHeading } from "@/components/form";

export const metadata: Metadata = { title: "Account activated" };

export default async function ActivatedPage({ searchParams }: { searchParams: Promise<{ already?: string }> }) {
  const already = (await searchParams).already === "1";
  return (
    <section className="max-w-xl space-y-4">
      <PageHeading>{already ? "Your account is already active" : "Your account is active"}</PageHeading>
      <Alert tone="success">
        {already
          ? "This link has already been used to activate your account. You can sign in."
          : "Thank you for confirming your e-mail address. We have sent you a confirmation."}
      </Alert>
      <p>
        <Link href="/login" className="font-medium">
          Sign in
        </Link>
      </p>
    </section>
  );
}
