import type { Metadata } from "next";
import Link from "next/link";
import { getLocale, getTranslations } from "next-intl/server";
import { getDb } from "@/db/client";
import { ButtonLink } from "@/components/button-link";
import { DataTable } from "@/components/data-table";
import { Alert, PageHeading } from "@/components/form";
import { hrefWith, OffsetPagination } from "@/components/pagination";
import { pageOf, parsePage, parseSort, sortRows } from "@/lib/paging";
import { listAttributeDefinitions, type AttributeRow } from "@/lib/shops/attributes";
import { requireStaff } from "../../../guard";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("settings.attributes"))("title") };
}


const ATTRIBUTES_PAGE_SIZE = 25;

export default async function AttributeDefinitionsPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const { staff } = await requireStaff("shop_admin");
  const params = await searchParams;
  const t = await getTranslations("admin.attributes");
  const ts = await getTranslations("settings.attributes");
  /** How many registration forms of the user's shops use it, and whether another shop's form does. */
  const usage = (row: AttributeRow) => {
    const forms = row.forms.length;
    if (!row.usedOutsideScope) return forms === 0 ? ts("usage.none") : ts("usage.forms", { forms });
    return forms === 0 ? ts("usage.outside") : ts("usage.alsoOutside", { own: ts("usage.forms", { forms }) });
  };
  const all = await listAttributeDefinitions(await getDb(), staff);
  const deleted = params.deleted === "1";
  const sort = parseSort(params, ["code", "label", "kind"], { key: "code", dir: "asc" });
  const page = pageOf(sortRows(all, sort, { code: (row) => row.code, label: (row) => row.label, kind: (row) => row.valueKind }, await getLocale()), parsePage(params), ATTRIBUTES_PAGE_SIZE);
  const kept = sort.key === "code" && sort.dir === "asc" ? {} : { sort: sort.key, dir: sort.dir };
  return (
    <section className="space-y-6">
      <p>
        <Link href="/admin/settings">{ts("settingsLink")}</Link>
      </p>
      <div className="flex items-center justify-between">
        <PageHeading>{ts("title")}</PageHeading>
        <ButtonLink href="/admin/settings/attributes/new">{ts("newAttribute")}</ButtonLink>
      </div>
      {deleted ? <Alert tone="success">{ts("deleted")}</Alert> : null}
      <p className="max-w-3xl text-slate-700">
        {ts("intro")}
      </p>
      <DataTable
        rows={page.rows}
        rowKey={(row) => row.code}
        caption={ts("title")}
        empty={
          <>
            {t("empty")} <Link href="/admin/settings/attributes/new">{t("createAttribute")}</Link>
          </>
        }
        sort={{ ...sort, href: (key, dir) => hrefWith("/admin/settings/attributes", { sort: key, dir }) }}
        columns={[
          { header: ts("columns.code"), cell: (row) => <Link href={`/admin/settings/attributes/${encodeURIComponent(row.code)}`}>{row.code}</Link>, sortKey: "code" },
          { header: ts("columns.label"), cell: (row) => row.label, sortKey: "label" },
          { header: ts("columns.valueKind"), cell: (row) => row.valueKind, sortKey: "kind" },
          { header: ts("columns.required"), cell: (row) => (row.required ? ts("yes") : ts("no")) },
          { header: ts("columns.pattern"), cell: (row) => (row.regex ? <code className="break-all">{row.regex}</code> : "—") },
          { header: ts("columns.usedBy"), cell: usage, nowrap: true },
        ]}
      />
      <OffsetPagination page={page.page} pages={page.pages} hrefFor={(number) => hrefWith("/admin/settings/attributes", { ...kept, page: number > 1 ? number : undefined })} />
    </section>
  );
}
