import type { Metadata } from "next";
import Link from "next/link";
import { Alert, PageHeading } from "@/components/form";

export const metadata: Metadata = { title: "Password changed" };

export default async function PasswordChangedPage({ searchParams }: { searchParams: Promise<{ emailed?: string }> }) {
  const emailed = (await searchParams).emailed === "1";
  return (
    <section className="max-w-xl space-y-4">
      <PageHeading>{emailed ? "We have e-mailed you a new password" : "Your password has been changed"}</PageHeading>
      <Alert tone="success">
        {emailed
          ? "Check your inbox for your new password. You have been signed out on every device."
          : "You have been signed out on every device. Sign in with your new password."}
      </Alert>
      <p>
        <Link href="/login" className="font-medium">
          Sign in
        </Link>
      </p>
    </section>
  );
}
