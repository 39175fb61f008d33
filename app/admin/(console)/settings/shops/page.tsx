import type { Metadata } from "next";
import Link from "next/link";
import { getDb } from "@/db/client";
import { ButtonLink } from "@/components/button-link";
import { DataTable } from "@/components/data-table";
import { PageHeading } from "@/components/form";
import { listShopSummaries } from "@/lib/shops/settings";
import { shopScope } from "@/lib/staff/scope";
import { requireStaff } from "../../../guard";

export const metadata: Metadata = { title: "Shops" };

export default async function ShopsPage() {
  const { staff } = await requireStaff("shop_admin");
  const scope = shopScope(staff);
  const shops = await listShopSummaries(await getDb(), scope);
  return (
    <section className="space-y-6">
      <p>
        <Link href="/admin/settings">Settings</Link>
      </p>
      <div className="flex flex-wrap items-center justify-between gap-4">
        <PageHeading>Shops</PageHeading>
        {scope === null ? (
          <ButtonLink href="/admin/settings/shops/new">New shop</ButtonLink>
        ) : null}
      </div>
      {scope !== null ? <p className="text-slate-700">You see the shops you work in. Only users who work in all shops can add one.</p> : null}
      <DataTable
        rows={shops}
        rowKey={(shop) => shop.id}
        caption="Shops"
        empty="You do not work in any shop yet: ask a user manager."
        columns={[
          { header: "Code", cell: (shop) => <Link href={`/admin/settings/shops/${encodeURIComponent(shop.code)}`}>{shop.code}</Link> },
          { header: "Name", cell: (shop) => shop.name },
          {
            header: "Host names",
            cell: (shop) => (
              <ul>
                {shop.hosts.map((host) => (
                  <li key={host} className="break-all">{host}</li>
                ))}
              </ul>
            ),
          },
          { header: "Customers", cell: (shop) => shop.customers.toLocaleString("en") },
        ]}
      />
    </section>
  );
}
