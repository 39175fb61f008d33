import type { Metadata } from "next";
import Link from "next/link";
import { getDb } from "@/db/client";
import { Alert, PageHeading } from "@/components/form";
import { activateAccount } from "@/lib/accounts/activation";
import { afterResponse } from "../../../mail";
import { clientAddress, requireShop } from "../../../request";

export const metadata: Metadata = { title: "Activate your account", referrer: "no-referrer" };

export default async function ActivatePage({ params }: { params: Promise<{ token: string }> }) {
  const shop = await requireShop();
  const { token } = await params;
  const result = await activateAccount(await getDb(), shop, token, await clientAddress());
  if (result.ok) afterResponse();

  if (result.ok || result.reason === "already-active") {
    return (
      <section className="max-w-xl space-y-4">
        <PageHeading>{result.ok ? "Your account is active" : "Your account is already active"}</PageHeading>
        <Alert tone="success">
          {result.ok
            ? "Thank you for confirming your e-mail address. We have sent you a confirmation."
            : "This link has already been used to activate your account. You can sign in."}
        </Alert>
        <p>
          <Link href="/login" className="font-medium">
            Sign in
          </Link>
        </p>
      </section>
    );
  }
  if (result.reason === "needs-password") {
    return (
      <section className="max-w-xl space-y-4">
        <PageHeading>Choose a password</PageHeading>
        <p>Your account needs a password before it can be activated. Please contact the shop for help.</p>
      </section>
    );
  }
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
