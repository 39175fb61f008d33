import type { Metadata } from "next";
import { PageHeading } from "@/components/form";
import { EmailForm } from "@/components/email-form";
import { resendActivationAction } from "./actions";

export const metadata: Metadata = { title: "Resend activation email" };

export default function ResendActivationPage() {
  return (
    <section className="max-w-md space-y-6">
      <PageHeading>Resend activation email</PageHeading>
      <p>Enter the e-mail address you registered with. If its account is waiting for activation, we will send a new link.</p>
      <EmailForm action={resendActivationAction} submitLabel="Resend activation email" />
    </section>
  );
}
