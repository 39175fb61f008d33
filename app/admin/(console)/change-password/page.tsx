import type { Metadata } from "next";
import { getDb } from "@/db/client";
import { Alert, PageHeading } from "@/components/form";
import { managerPasswordPolicy } from "@/lib/staff/preferences";
import { requireStaff } from "../../guard";
import { ChangePasswordForm } from "./components";

export const metadata: Metadata = { title: "Change password" };

export default async function ChangePasswordPage() {
  const { staff } = await requireStaff(undefined, { allowTemporary: true });
  const policy = await managerPasswordPolicy(await getDb());
  return (
    <section className="max-w-md space-y-6">
      <PageHeading>Change password</PageHeading>
      {staff.passwordTemporary ? (
        <Alert tone="info">
          You signed in with a temporary password. Choose your own password to continue; you will stay signed in here
          and be signed out everywhere else.
        </Alert>
      ) : (
        <p className="text-slate-700">Changing your password signs you out of your other sessions.</p>
      )}
      <ChangePasswordForm policy={{ regex: policy.regex, regexMessage: policy.regexMessage }} email={staff.email} />
    </section>
  );
}
