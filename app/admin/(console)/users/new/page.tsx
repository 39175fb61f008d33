import type { Metadata } from "next";
import { getDb } from "@/db/client";
import { PageHeading } from "@/components/form";
import { shopScope, shopsInScope } from "@/lib/staff/scope";
import { requireStaff } from "../../../guard";
import { NewStaffForm } from "./components";

export const metadata: Metadata = { title: "New business user" };

export default async function NewStaffPage() {
  const { staff } = await requireStaff("user_manager");
  const scope = shopScope(staff);
  const shops = await shopsInScope(await getDb(), scope);
  return (
    <section className="max-w-md space-y-6">
      <PageHeading>New business user</PageHeading>
      <p className="text-slate-700">
        They receive a temporary password by e-mail and must choose their own when they first sign in.
      </p>
      <NewStaffForm shops={shops.map(({ code, name }) => ({ code, name }))} canGrantAll={scope === null} grantable={staff.roles} />
    </section>
  );
}
