import type { Metadata } from "next";
import Link from "next/link";
import { Alert, PageHeading } from "@/components/form";

export const metadata: Metadata = { title: "Activation link not valid" };

export default function InvalidActivationPage() {
  return (
    <section className="max-w-md space-y-6">
      <PageHeading>This activation link is not valid</PageHeading>
      <Alert tone="error">
        The link has expired, has been replaced by a newer one, or was not copied completely. Only the most recent
        activation e-mail works.
      </Alert>
      <p>
        <Link href="/resend-activation" className="font-medium">
          Resend activation email
        </Link>
      </p>
    </section>
  );
}
