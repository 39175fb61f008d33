import type { Metadata } from "next";
import { SignInNext } from "@/components/outcome-page";

export const metadata: Metadata = { title: "Password changed" };

export default async function PasswordChangedPage({ searchParams }: { searchParams: Promise<{ emailed?: string }> }) {
  return (await searchParams).emailed === "1" ? (
    <SignInNext heading="We have e-mailed you a new password" message="Check your inbox for your new password. You have been signed out on every device." />
  ) : (
    <SignInNext heading="Your password has been changed" message="You have been signed out on every device. Sign in with your new password." />
  );
}
