import type { Metadata } from "next";
import { SignInNext } from "@/components/outcome-page";

export const metadata: Metadata = { title: "Account activated" };

export default async function ActivatedPage({ searchParams }: { searchParams: Promise<{ already?: string; emailed?: string }> }) {
  const { already, emailed } = await searchParams;
  if (already === "1") {
    return <SignInNext heading="Your account is already active" message="This link has already been used to activate your account. You can sign in." />;
  }
  return (
    <SignInNext
      heading="Your account is active"
      message={
        emailed === "1"
          ? "Thank you for confirming your e-mail address. We have e-mailed you a password: sign in with it."
          : "Thank you for confirming your e-mail address. We have sent you a confirmation."
      }
    />
  );
}
