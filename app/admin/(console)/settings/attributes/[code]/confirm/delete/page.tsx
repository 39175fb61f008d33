import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { getDb } from "@/db/client";
import { ConfirmPanel } from "@/components/confirm-dialog";
import { findAttributeDefinition } from "@/lib/shops/attributes";
import { requireStaff } from "../../../../../../guard";
import { deleteAttributeConfirmation } from "../../confirmations";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("confirm"))("confirm") };
}

/** "Delete attribute" without JavaScript: the question, and only the POST of "Confirm" deletes. */
export default async function ConfirmDeleteAttributePage({ params }: { params: Promise<{ code: string }> }) {
  const { staff } = await requireStaff("shop_admin");
  const definition = await findAttributeDefinition(await getDb(), staff, (await params).code);
  if (!definition) notFound();
  const { confirm, action } = await deleteAttributeConfirmation(definition);
  return <ConfirmPanel confirmation={confirm} action={action} back={`/admin/settings/attributes/${encodeURIComponent(definition.code)}`} />;
}
