import type { Metadata } from "next";
import Link from "next/link";
import { getDb } from "@/db/client";
import { Alert, PageHeading } from "@/components/form";
import { inspectResetLink } from "@/lib/accounts/password-reset";
import { requireShop } from "../../request";
import { keptToken } from "../token-cookie";
import { NewPasswordForm } from "@/components/new-password-form";
import { resetPasswordAction } from "./actions";
import { GeneratedPasswordForm } from "./components";

export const metadata: Metadata = { title: "Reset your password" };

export default async function ResetPasswordPage() {
  const shop = await requireShop();
  const token = await keptToken("reset-token");
  const link = await inspectResetLink(await getDb(), shop, token);
  if (!link.ok) {
    return (
      <section className="max-w-md space-y-6">
        <PageHeading>This reset link is not valid</PageHeading>
        <Alert tone="error">
          The link has expired, has already been used, has been replaced by a newer one, or was not copied
          completely. Only the most recent reset e-mail works.
        </Alert>
        <p>
          <Link href="/forgot-password">Request a new reset link</Link>
        </p>
      </section>
    );
  }
  return (
    <section className="max-w-md space-y-6">
      <PageHeading>Reset your password</PageHeading>
      {link.mode === "user-controlled" ? (
        <>
          <p>Choose a new password for {link.email}. You will be signed out everywhere.</p>
          <NewPasswordForm action={resetPasswordAction} email={link.email} policy={link.policy} submitLabel="Set password" newLinkHref="/forgot-password" />
        </>
      ) : (
        <>
          <p>We will e-mail a new password to {link.email}, and you will be signed out everywhere.</p>
          <GeneratedPasswordForm />
        </>
      )}
    </section>
  );
}
