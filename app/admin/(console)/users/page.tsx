import type { Metadata } from "next";
import Link from "next/link";
import { getDb } from "@/db/client";
import { ButtonLink } from "@/components/button-link";
import { DataTable } from "@/components/data-table";
import { PageHeading } from "@/components/form";
import { roleLabels } from "@/lib/staff/forms";
import { describeShopScope, shopScope, shopsInScope } from "@/lib/staff/scope";
import { listStaff } from "@/lib/staff/users";
import { requireStaff } from "../../guard";

export const metadata: Metadata = { title: "Business users" };

export default async function StaffListPage() {
  const { staff } = await requireStaff("user_manager");
  const db = await getDb();
  const [users, visibleShops] = await Promise.all([listStaff(db), shopsInScope(db, shopScope(staff))]);
  return (
    <section className="space-y-6">
      <div className="flex items-center justify-between">
        <PageHeading>Business users</PageHeading>
        <ButtonLink href="/admin/users/new">New user</ButtonLink>
      </div>
      <DataTable
        rows={users}
        rowKey={(user) => user.id}
        caption="Business users"
        columns={[
          { header: "Name", cell: (user) => <Link href={`/admin/users/${user.id}`}>{user.name}</Link> },
          { header: "Email", cell: (user) => user.email },
          { header: "Roles", cell: (user) => user.roles.map((role) => roleLabels[role]).join(", ") },
          { header: "Shops", cell: (user) => describeShopScope(shopScope(user), visibleShops) },
          {
            header: "Status",
            cell: (user) => (user.status === "disabled" ? "Deactivated" : user.passwordTemporary ? "Active (temporary password)" : "Active"),
          },
        ]}
      />
    </section>
  );
}
