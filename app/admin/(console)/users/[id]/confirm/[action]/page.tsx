import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { getDb } from "@/db/client";
import { ConfirmPanel } from "@/components/confirm-dialog";
import { findStaff } from "@/lib/staff/users";
import { requireStaff } from "../../../../../guard";
import { isUserConfirmationKey, userConfirmations } from "../../confirmations";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("confirm"))("confirm") };
}

/** A business-user action's question without JavaScript; only the POST of "Confirm" changes anything. */
export default async function ConfirmUserActionPage({ params }: { params: Promise<{ id: string; action: string }> }) {
  await requireStaff("user_manager");
  const { id, action } = await params;
  if (!isUserConfirmationKey(action)) notFound();
  const user = await findStaff(await getDb(), id);
  if (!user) notFound();
  const { confirm, action: run } = (await userConfirmations(user))[action];
  return <ConfirmPanel confirmation={confirm} action={run} back={`/admin/users/${user.id}`} />;
}
