import type { Metadata } from "next";
import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { getDb } from "@/db/client";
import { ButtonLink } from "@/components/button-link";
import { DataTable } from "@/components/data-table";
import { Alert, PageHeading } from "@/components/form";
import { hrefWith, OffsetPagination } from "@/components/pagination";
import { pageOf, parsePage, parseSort, sortRows } from "@/lib/paging";
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

const ATTRIBUTES_PAGE_SIZE = 25;

export default async function AttributeDefinitionsPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const { staff } = await requireStaff("shop_admin");
  const params = await searchParams;
  const t = await getTranslations("admin.attributes");
  const all = await listAttributeDefinitions(await getDb(), staff);
  const deleted = params.deleted === "1";
  const sort = parseSort(params, ["code", "label", "kind"], { key: "code", dir: "asc" });
  const page = pageOf(sortRows(all, sort, { code: (row) => row.code, label: (row) => row.label, kind: (row) => row.valueKind }), parsePage(params), ATTRIBUTES_PAGE_SIZE);
  const kept = sort.key === "code" && sort.dir === "asc" ? {} : { sort: sort.key, dir: sort.dir };
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
        rows={page.rows}
        rowKey={(row) => row.code}
        caption="Attribute definitions"
        empty={
          <>
            {t("empty")} <Link href="/admin/settings/attributes/new">{t("createAttribute")}</Link>
          </>
        }
        sort={{ ...sort, href: (key, dir) => hrefWith("/admin/settings/attributes", { sort: key, dir }) }}
        columns={[
          { header: "Code", cell: (row) => <Link href={`/admin/settings/attributes/${encodeURIComponent(row.code)}`}>{row.code}</Link>, sortKey: "code" },
          { header: "Label", cell: (row) => row.label, sortKey: "label" },
          { header: "Value kind", cell: (row) => row.valueKind, sortKey: "kind" },
          { header: "Required", cell: (row) => (row.required ? "Yes" : "No") },
          { header: "Pattern", cell: (row) => (row.regex ? <code className="break-all">{row.regex}</code> : "—") },
          { header: "Used by", cell: usage, nowrap: true },
        ]}
      />
      <OffsetPagination page={page.page} pages={page.pages} hrefFor={(number) => hrefWith("/admin/settings/attributes", { ...kept, page: number > 1 ? number : undefined })} />
    </section>
  );
}
