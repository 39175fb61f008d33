import type { Metadata } from "next";
import { PageHeading } from "@/components/form";
import { requireStaff } from "../../../guard";
import { NewStaffForm } from "./components";

export const metadata: Metadata = { title: "New business user" };

export default async function NewStaffPage() {
  await requireStaff("user_manager");
  return (
    <section className="max-w-md space-y-6">
      <PageHeading>New business user</PageHeading>
      <p className="text-slate-700">
        They receive a temporary password by e-mail and must choose their own when they first sign in.
      </p>
      <NewStaffForm />
    </section>
  );
}
