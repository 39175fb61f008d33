import type { Metadata } from "next";
import { firstParam } from "@/lib/paging";
import { getDb } from "@/db/client";
import { PageHeading } from "@/components/form";
import { shopsWithTypes } from "@/lib/accounts/contacts";
import { shopScope } from "@/lib/staff/scope";
import { requireStaff } from "../../../guard";
import { NewContactForm } from "./components";

export const metadata: Metadata = { title: "New contact" };

const one = (value: string | string[] | undefined) => firstParam(value).slice(0, 100);

export default async function NewContactPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const { staff } = await requireStaff("customer_service");
  const shops = await shopsWithTypes(await getDb(), shopScope(staff));
  const params = await searchParams;
  return (
    <section className="max-w-md space-y-6">
      <PageHeading>New contact</PageHeading>
      <p className="text-slate-700">
        The customer receives an activation e-mail. Its link asks them to choose a password (or, where the shop issues
        passwords, sends them one) and activates the account.
      </p>
      {shops.length === 0 ? (
        <p>None of your shops offers a customer type yet.</p>
      ) : (
        <NewContactForm shops={shops} initial={{ shopId: one(params.shop), customerType: one(params.type) }} />
      )}
    </section>
  );
}
