import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { PageHeading } from "@/components/form";
import { currentSession, nextSignInStep } from "../../guard";
import { AdminSignInForm } from "./components";

export const metadata: Metadata = { title: "Back office sign in" };

export default async function AdminSignInPage() {
  const session = await currentSession();
  if (session) redirect(nextSignInStep(session) ?? "/admin");
  return (
    <main id="content" tabIndex={-1} className="mx-auto max-w-md space-y-6 px-6 py-16">
      <p className="text-sm font-medium uppercase tracking-wide text-slate-600">Storefront Accounts · Back office</p>
      <PageHeading>Sign in</PageHeading>
      <AdminSignInForm />
      <p className="text-sm text-slate-700">
        Forgot your password? Ask a user manager to reset it: you will receive a new temporary password by e-mail.
      </p>
    </main>
  );
}
