import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { getDb } from "@/db/client";
import { PageHeading } from "@/components/form";
import { inspectActivationLink } from "@/lib/accounts/activation";
import { requireShop } from "../../../request";
import { keptToken } from "../../token-cookie";
import { NewPasswordForm } from "@/components/new-password-form";
import { setPasswordAndActivateAction } from "./actions";

export const metadata: Metadata = { title: "Choose your password" };

export default async function SetPasswordPage() {
  const shop = await requireShop();
  const link = await inspectActivationLink(await getDb(), shop, await keptToken("activation-token"));
  if (!link.ok) redirect("/activate/invalid");
  return (
    <section className="max-w-md space-y-6">
      <PageHeading>Choose your password</PageHeading>
      <p>Your account for {link.email} was opened by our team. Choose a password to activate it.</p>
      <NewPasswordForm action={setPasswordAndActivateAction} email={link.email} policy={link.policy} submitLabel="Set password and activate" />
    </section>
  );
}
