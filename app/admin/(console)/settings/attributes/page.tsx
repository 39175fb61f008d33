import type { Metadata } from "next";
import Link from "next/link";
import { getDb } from "@/db/client";
import { ButtonLink } from "@/components/button-link";
import { DataTable } from "@/components/data-table";
import { Alert, PageHeading } from "@/components/form";
import { listAttributeDefinitions, type AttributeRow } from "@/lib/shops/attributes";
import { requireStaff } from "../../../guard";

export const metadata: Metadata = { title: "Attribute definitions" };

/** How many registration forms of the user's shops use it, and whether another shop's form does. */
function usage(row: AttributeRow): string {
  const forms = row.forms.length;
  const own = forms === 0 ? "None" : `${forms} ${forms === 1 ? "form" : "forms"}`;
  if (!row.usedOutsideScope) return own;
  return forms === 0 ? "A shop outside yours" : `${own}; also a shop outside yours`;
}

export default async function AttributeDefinitionsPage({ searchParams }: { searchParams: Promise<{ deleted?: string }> }) {
  const { staff } = await requireStaff("shop_admin");
  const rows = await listAttributeDefinitions(await getDb(), staff);
  const deleted = (await searchParams).deleted === "1";
  return (
    <section className="space-y-6">
      <p>
        <Link href="/admin/settings">Settings</Link>
      </p>
      <div className="flex items-center justify-between">
        <PageHeading>Attribute definitions</PageHeading>
        <ButtonLink href="/admin/settings/attributes/new">New attribute</ButtonLink>
      </div>
      {deleted ? <Alert tone="success">The attribute definition has been deleted.</Alert> : null}
      <p className="max-w-3xl text-slate-700">
        The fields that registration forms can capture, shared by every shop. What counts is the value kind: a shop whose
        form holds a password definition with its own pattern has its own password policy.
      </p>
      <DataTable
        rows={rows}
        rowKey={(row) => row.code}
        caption="Attribute definitions"
        empty="There are no attribute definitions yet."
        columns={[
          { header: "Code", cell: (row) => <Link href={`/admin/settings/attributes/${encodeURIComponent(row.code)}`}>{row.code}</Link> },
          { header: "Label", cell: (row) => row.label },
          { header: "Value kind", cell: (row) => row.valueKind },
          { header: "Required", cell: (row) => (row.required ? "Yes" : "No") },
          { header: "Pattern", cell: (row) => (row.regex ? <code className="break-all">{row.regex}</code> : "—") },
          { header: "Used by", cell: usage, nowrap: true },
        ]}
      />
    </section>
  );
}
