import type { Metadata } from "next";
import { Alert, PageHeading } from "@/components/form";
import { roleLabels } from "@/lib/staff/forms";
import { requireStaff } from "../guard";

export const metadata: Metadata = { title: "Back office" };

export default async function AdminHomePage({ searchParams }: { searchParams: Promise<{ password?: string }> }) {
  const { staff } = await requireStaff();
  const changed = (await searchParams).password === "changed";
  return (
    <section className="space-y-4">
      <PageHeading>Welcome, {staff.name}</PageHeading>
      {changed ? <Alert tone="success">Your password has been changed.</Alert> : null}
      <p className="text-slate-700">
        You are signed in as {staff.email} with the roles {staff.roles.map((role) => roleLabels[role]).join(", ")}. Use
        the menu above to reach the parts of the back office your roles open.
      </p>
    </section>
  );
}
