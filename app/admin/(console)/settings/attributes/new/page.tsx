import type { Metadata } from "next";
import Link from "next/link";
import { PageHeading } from "@/components/form";
import { requireStaff } from "../../../../guard";
import { createAttributeAction } from "../actions";
import { AttributeForm } from "../components";

export const metadata: Metadata = { title: "New attribute" };

export default async function NewAttributePage() {
  await requireStaff("shop_admin");
  return (
    <section className="max-w-2xl space-y-6">
      <p>
        <Link href="/admin/settings/attributes">All attribute definitions</Link>
      </p>
      <PageHeading>New attribute</PageHeading>
      <AttributeForm action={createAttributeAction} />
    </section>
  );
}
