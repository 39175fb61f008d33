import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { PageHeading } from "@/components/form";
import { shopScope } from "@/lib/staff/scope";
import { requireStaff } from "../../../../guard";
import { createShopAction } from "../actions";
import { ShopForm } from "../components";

export const metadata: Metadata = { title: "New shop" };

const defaults = { callCentreResetMode: "link", accentColor: "#2563eb", activationTtlHours: "24", contactActivationTtlHours: "72", resetTtlMinutes: "60" };

export default async function NewShopPage() {
  const { staff } = await requireStaff("shop_admin");
  // Only users who work in all shops may add one; for the others the page does not exist.
  if (shopScope(staff) !== null) notFound();
  return (
    <section className="max-w-2xl space-y-6">
      <p>
        <Link href="/admin/settings/shops">All shops</Link>
      </p>
      <PageHeading>New shop</PageHeading>
      <p className="text-slate-700">After saving, add the shop&apos;s customer types and their registration forms on the shop&apos;s page.</p>
      <ShopForm action={createShopAction} initial={defaults} isNew />
    </section>
  );
}
