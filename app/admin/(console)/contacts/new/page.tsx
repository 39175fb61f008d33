import type { Metadata } from "next";
import { getDb } from "@/db/client";
import { PageHeading } from "@/components/form";
import { shopsWithTypes } from "@/lib/accounts/contacts";
import { requireStaff } from "../../../guard";
import { NewContactForm } from "./components";

export const metadata: Metadata = { title: "New contact" };

export default async function NewContactPage() {
  await requireStaff("customer_service");
  const shops = await shopsWithTypes(await getDb());
  return (
    <section className="max-w-md space-y-6">
      <PageHeading>New contact</PageHeading>
      <p className="text-slate-700">
        The customer receives an activation e-mail. Its link asks them to choose a password (or, where the shop issues
        passwords, sends them one) and activates the account.
      </p>
      <NewContactForm shops={shops} />
    </section>
  );
}
