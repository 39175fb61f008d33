import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { getDb } from "@/db/client";
import { ConfirmPanel } from "@/components/confirm-dialog";
import { findContact } from "@/lib/accounts/contacts";
import { shopScope } from "@/lib/staff/scope";
import { requireStaff } from "../../../../../guard";
import { contactConfirmations, isContactConfirmationKey } from "../../confirmations";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("confirm"))("confirm") };
}

/** A contact action's question without JavaScript; only the POST of "Confirm" changes anything. */
export default async function ConfirmContactActionPage({ params }: { params: Promise<{ id: string; action: string }> }) {
  const { staff } = await requireStaff("customer_service");
  const { id, action } = await params;
  if (!isContactConfirmationKey(action)) notFound();
  const contact = await findContact(await getDb(), id, shopScope(staff));
  if (!contact) notFound();
  const { confirm, action: run } = (await contactConfirmations(contact.customer, contact.shop))[action];
  return <ConfirmPanel confirmation={confirm} action={run} back={`/admin/contacts/${contact.customer.id}`} />;
}
