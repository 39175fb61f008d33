import type { Metadata } from "next";
import { SignInNext } from "@/components/outcome-page";

export const metadata: Metadata = { title: "Account activated" };

export default async function ActivatedPage({ searchParams }: { searchParams: Promise<{ already?: string }> }) {
  return (await searchParams).already === "1" ? (
    <SignInNext heading="Your account is already active" message="This link has already been used to activate your account. You can sign in." />
  ) : (
    <SignInNext heading="Your account is active" message="Thank you for confirming your e-mail address. We have sent you a confirmation." />
  );
}
