import type { Metadata } from "next";
import Link from "next/link";
import { PageHeading } from "@/components/form";
import { EmailForm } from "@/components/email-form";
import { forgotPasswordAction } from "./actions";

export const metadata: Metadata = { title: "Forgot your password?" };

export default function ForgotPasswordPage() {
  return (
    <section className="max-w-md space-y-6">
      <PageHeading>Forgot your password?</PageHeading>
      <p>Enter the e-mail address of your account and we will send you a link to reset your password.</p>
      <EmailForm action={forgotPasswordAction} submitLabel="Send reset link" />
      <p className="text-sm text-slate-700">
        Remembered it? <Link href="/login">Back to sign in</Link>
      </p>
    </section>
  );
}
