import type { Metadata } from "next";
import Link from "next/link";
import { getFormatter, getLocale, getTranslations } from "next-intl/server";
import { getDb } from "@/db/client";
import { ButtonLink } from "@/components/button-link";
import { DataTable } from "@/components/data-table";
import { PageHeading } from "@/components/form";
import { hrefWith, OffsetPagination } from "@/components/pagination";
import { pageOf, parsePage, parseSort, sortRows } from "@/lib/paging";
import { listShopSummaries } from "@/lib/shops/settings";
import { shopScope } from "@/lib/staff/scope";
import { requireStaff } from "../../../guard";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("settings.shops"))("title") };
}

const SHOPS_PAGE_SIZE = 25;

export default async function ShopsPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const { staff } = await requireStaff("shop_admin");
  const scope = shopScope(staff);
  const params = await searchParams;
  const t = await getTranslations("admin.shops");
  const ts = await getTranslations("settings.shops");
  const format = await getFormatter();
  const sort = parseSort(params, ["code", "name", "customers"], { key: "code", dir: "asc" });
  const all = await listShopSummaries(await getDb(), scope);
  const page = pageOf(sortRows(all, sort, { code: (shop) => shop.code, name: (shop) => shop.name, customers: (shop) => shop.customers }, await getLocale()), parsePage(params), SHOPS_PAGE_SIZE);
  const kept = sort.key === "code" && sort.dir === "asc" ? {} : { sort: sort.key, dir: sort.dir };
  return (
    <section className="space-y-6">
      <p>
        <Link href="/admin/settings">{ts("settingsLink")}</Link>
      </p>
      <div className="flex flex-wrap items-center justify-between gap-4">
        <PageHeading>{ts("title")}</PageHeading>
        {scope === null ? (
          <ButtonLink href="/admin/settings/shops/new">{ts("newShop")}</ButtonLink>
        ) : null}
      </div>
      {scope !== null ? <p className="text-slate-700">{ts("scoped")}</p> : null}
      <DataTable
        rows={page.rows}
        rowKey={(shop) => shop.id}
        caption={ts("title")}
        empty={
          scope === null ? (
            <>
              {t("emptyAll")} <Link href="/admin/settings/shops/new">{t("createShop")}</Link>
            </>
          ) : (
            t("empty")
          )
        }
        sort={{ ...sort, href: (key, dir) => hrefWith("/admin/settings/shops", { sort: key, dir }) }}
        columns={[
          { header: ts("columns.code"), cell: (shop) => <Link href={`/admin/settings/shops/${encodeURIComponent(shop.code)}`}>{shop.code}</Link>, sortKey: "code" },
          { header: ts("columns.name"), cell: (shop) => shop.name, sortKey: "name" },
          {
            header: ts("columns.hostNames"),
            cell: (shop) => (
              <ul>
                {shop.hosts.map((host) => (
                  <li key={host} className="break-all">{host}</li>
                ))}
              </ul>
            ),
          },
          { header: ts("columns.customers"), cell: (shop) => format.number(shop.customers), sortKey: "customers" },
        ]}
      />
      <OffsetPagination page={page.page} pages={page.pages} hrefFor={(number) => hrefWith("/admin/settings/shops", { ...kept, page: number > 1 ? number : undefined })} />
    </section>
  );
}
