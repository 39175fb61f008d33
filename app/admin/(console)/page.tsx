import type { Metadata } from "next";
import { getDb } from "@/db/client";
import { Alert, PageHeading } from "@/components/form";
import { SignedInDevices } from "@/components/signed-in-devices";
import { getEnv } from "@/lib/env";
import { roleLabels } from "@/lib/staff/forms";
import { staffDevices } from "@/lib/staff/users";
import { requireStaff } from "../guard";
import { signOutElsewhereAction } from "./actions";

export const metadata: Metadata = { title: "Back office" };

/** The user's own page: who they are, and where they are signed in. */
export default async function AdminHomePage({ searchParams }: { searchParams: Promise<{ password?: string }> }) {
  const context = await requireStaff();
  const { staff } = context;
  const changed = (await searchParams).password === "changed";
  const devices = await staffDevices(await getDb(), context, getEnv().adminIdleMinutes);
  return (
    <section className="max-w-3xl space-y-8">
      <div className="space-y-4">
        <PageHeading>Welcome, {staff.name}</PageHeading>
        {changed ? <Alert tone="success">Your password has been changed.</Alert> : null}
        <p className="text-slate-700">
          You are signed in as {staff.email} with the roles {staff.roles.map((role) => roleLabels[role]).join(", ")}. Use
          the menu above to reach the parts of the back office your roles open.
        </p>
      </div>
      <SignedInDevices devices={devices} signOutElsewhere={signOutElsewhereAction} confirmHref="/admin/confirm/sign-out-elsewhere" />
    </section>
  );
}
