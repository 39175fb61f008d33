import type { Metadata } from "next";
import Link from "next/link";
import { getLocale, getTranslations } from "next-intl/server";
import { getDb } from "@/db/client";
import { StatusBadge } from "@/components/badge";
import { ButtonLink } from "@/components/button-link";
import { DataTable } from "@/components/data-table";
import { PageHeading, SelectField } from "@/components/form";
import { getAdminLabels } from "@/components/labels";
import { LiveFilterForm } from "@/components/live-filter-form";
import { UnknownFilters } from "@/components/notice";
import { hrefWith, OffsetPagination } from "@/components/pagination";
import { filterText } from "@/lib/activity";
import { firstParam, pageOf, parsePage, parseSort, sortRows } from "@/lib/paging";
import { describeShopScope, shopScope, shopsInScope } from "@/lib/staff/scope";
import { listStaff, staffListStatuses } from "@/lib/staff/users";
import { requireStaff } from "../../guard";
import { shopScopeWords } from "./shop-scope-words";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("users.list"))("title") };
}

const USERS_PAGE_SIZE = 25;
const sortKeys = ["name", "email", "status"] as const;

export default async function StaffListPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const { staff } = await requireStaff("user_manager");
  const params = await searchParams;
  const t = await getTranslations("admin.users");
  const tu = await getTranslations("users");
  const scopeWords = await shopScopeWords();
  const labels = await getAdminLabels();
  const asked = filterText(firstParam(params.status), 40);
  const status = (staffListStatuses as readonly string[]).includes(asked) ? asked : "";
  const db = await getDb();
  const [users, visibleShops] = await Promise.all([listStaff(db, { status }), shopsInScope(db, shopScope(staff))]);
  const sort = parseSort(params, sortKeys, { key: "name", dir: "asc" });
  const page = pageOf(sortRows(users, sort, { name: (user) => user.name, email: (user) => user.email, status: (user) => labels.staffStatus[user.listStatus] }, await getLocale()), parsePage(params), USERS_PAGE_SIZE);
  // The filter goes with every sort and page link, and the sort with the filter form (a new filter starts at page 1).
  const kept = sort.key === "name" && sort.dir === "asc" ? {} : { sort: sort.key, dir: sort.dir };
  return (
    <section className="space-y-6">
      <div className="flex flex-wrap items-center justify-between gap-4">
        <PageHeading>{tu("list.title")}</PageHeading>
        <ButtonLink href="/admin/users/new">{tu("list.newUser")}</ButtonLink>
      </div>
      <UnknownFilters problems={asked && !status ? [{ field: t("statusField"), value: asked }] : []} />
      <LiveFilterForm label={t("filterLabel")} submitLabel={t("apply")}>
        {Object.entries(kept).map(([name, value]) => (
          <input key={name} type="hidden" name={name} value={value} />
        ))}
        <SelectField
          label={t("status")}
          name="status"
          defaultValue={status}
          anyLabel={t("anyStatus")}
          options={staffListStatuses.map((value) => ({ value, label: labels.staffStatus[value] ?? value }))}
        />
      </LiveFilterForm>
      <DataTable
        rows={page.rows}
        rowKey={(user) => user.id}
        caption={tu("list.title")}
        empty={
          <>
            {t("emptyFiltered")} <Link href="/admin/users">{t("clearFilters")}</Link>
          </>
        }
        sort={{ ...sort, href: (key, dir) => hrefWith("/admin/users", { status, sort: key, dir }) }}
        columns={[
          { header: tu("list.columns.name"), cell: (user) => <Link href={`/admin/users/${user.id}`}>{user.name}</Link>, sortKey: "name" },
          { header: tu("list.columns.email"), cell: (user) => <span className="break-all">{user.email}</span>, sortKey: "email" },
          { header: tu("list.columns.roles"), cell: (user) => user.roles.map((role) => tu(`roles.${role}`)).join(", ") },
          { header: tu("list.columns.shops"), cell: (user) => describeShopScope(shopScope(user), visibleShops, scopeWords) },
          { header: t("status"), cell: (user) => <StatusBadge labels={labels.staffStatus} code={user.listStatus} />, sortKey: "status" },
        ]}
      />
      <OffsetPagination page={page.page} pages={page.pages} hrefFor={(number) => hrefWith("/admin/users", { status, ...kept, page: number > 1 ? number : undefined })} />
    </section>
  );
}
