import type { Metadata } from "next";
import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { getDb } from "@/db/client";
import { StatusBadge } from "@/components/badge";
import { ButtonLink } from "@/components/button-link";
import { DataTable } from "@/components/data-table";
import { PageHeading } from "@/components/form";
import { getAdminLabels } from "@/components/labels";
import { hrefWith, OffsetPagination } from "@/components/pagination";
import { pageOf, parsePage, parseSort, sortRows } from "@/lib/paging";
import { roleLabels } from "@/lib/staff/forms";
import { describeShopScope, shopScope, shopsInScope } from "@/lib/staff/scope";
import { listStaff } from "@/lib/staff/users";
import type { StaffUser } from "@/db/schema";
import { requireStaff } from "../../guard";

export const metadata: Metadata = { title: "Business users" };

const USERS_PAGE_SIZE = 25;
const staffStatus = (user: StaffUser) => (user.status === "disabled" ? "disabled" : user.passwordTemporary ? "temporary" : "active");
const sortKeys = ["name", "email", "status"] as const;

export default async function StaffListPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const { staff } = await requireStaff("user_manager");
  const params = await searchParams;
  const t = await getTranslations("admin.users");
  const labels = await getAdminLabels();
  const db = await getDb();
  const [users, visibleShops] = await Promise.all([listStaff(db), shopsInScope(db, shopScope(staff))]);
  const sort = parseSort(params, sortKeys, { key: "name", dir: "asc" });
  const page = pageOf(sortRows(users, sort, { name: (user) => user.name, email: (user) => user.email, status: (user) => labels.staffStatus[staffStatus(user)] }), parsePage(params), USERS_PAGE_SIZE);
  const kept = sort.key === "name" && sort.dir === "asc" ? {} : { sort: sort.key, dir: sort.dir };
  return (
    <section className="space-y-6">
      <div className="flex flex-wrap items-center justify-between gap-4">
        <PageHeading>Business users</PageHeading>
        <ButtonLink href="/admin/users/new">New user</ButtonLink>
      </div>
      <DataTable
        rows={page.rows}
        rowKey={(user) => user.id}
        caption="Business users"
        sort={{ ...sort, href: (key, dir) => hrefWith("/admin/users", { sort: key, dir }) }}
        columns={[
          { header: "Name", cell: (user) => <Link href={`/admin/users/${user.id}`}>{user.name}</Link>, sortKey: "name" },
          { header: "Email", cell: (user) => <span className="break-all">{user.email}</span>, sortKey: "email" },
          { header: "Roles", cell: (user) => user.roles.map((role) => roleLabels[role]).join(", ") },
          { header: "Shops", cell: (user) => describeShopScope(shopScope(user), visibleShops) },
          { header: t("status"), cell: (user) => <StatusBadge labels={labels.staffStatus} code={staffStatus(user)} />, sortKey: "status" },
        ]}
      />
      <OffsetPagination page={page.page} pages={page.pages} hrefFor={(number) => hrefWith("/admin/users", { ...kept, page: number > 1 ? number : undefined })} />
    </section>
  );
}
