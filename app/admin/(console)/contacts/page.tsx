import type { Metadata } from "next";
import Link from "next/link";
import { getDb } from "@/db/client";
import { customerStatuses } from "@/db/schema";
import { ButtonLink } from "@/components/button-link";
import { DataTable } from "@/components/data-table";
import { PageHeading, SelectField } from "@/components/form";
import { searchContacts, shopsWithTypes, SEARCH_MIN_LENGTH, type ActivationProblem } from "@/lib/accounts/contacts";
import { shopScope } from "@/lib/staff/scope";
import { requireStaff } from "../../guard";
import { SearchBox } from "./components";

export const metadata: Metadata = { title: "Contacts" };

const activationProblems: Record<ActivationProblem, string> = {
  bounced: "Activation bounced",
  suppressed: "Activation not sent: address suppressed",
};

const one = (value: string | string[] | undefined) => ((Array.isArray(value) ? value[0] : value) ?? "").slice(0, 600);

export default async function ContactsPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const { staff } = await requireStaff("customer_service");
  const scope = shopScope(staff);
  const params = await searchParams;
  const filter = { q: one(params.q), shopId: one(params.shop), status: one(params.status), customerType: one(params.type), after: one(params.after) };
  const db = await getDb();
  const [page, shopList] = await Promise.all([searchContacts(db, filter, scope), shopsWithTypes(db, scope)]);
  const types = [...new Set(shopList.flatMap((shop) => shop.types.map((type) => type.code)))];
  const chosen = { q: filter.q, shop: filter.shopId, status: filter.status, type: filter.customerType };
  const firstQuery = new URLSearchParams(Object.entries(chosen).filter(([, value]) => value));
  const nextQuery = new URLSearchParams(firstQuery);
  if (page.next) nextQuery.set("after", page.next);
  return (
    <section className="space-y-6">
      <div className="flex items-center justify-between">
        <PageHeading>Office › Contacts</PageHeading>
        <ButtonLink href="/admin/contacts/new">New contact</ButtonLink>
      </div>
      <form method="get" role="search" aria-label="Find contacts" className="flex flex-wrap items-start gap-4">
        <SearchBox initial={filter.q} />
        <SelectField label="Shop" name="shop" defaultValue={filter.shopId} anyLabel={scope === null ? "All shops" : "All your shops"} options={shopList.map((shop) => ({ value: shop.id, label: shop.name }))} />
        <SelectField label="Status" name="status" defaultValue={filter.status} anyLabel="Any status" options={customerStatuses.map((status) => ({ value: status, label: status }))} />
        <SelectField label="Customer type" name="type" defaultValue={filter.customerType} anyLabel="Any type" options={types.map((type) => ({ value: type, label: type }))} />
        <button type="submit" className="mt-6 rounded-md bg-blue-700 px-4 py-2 font-medium text-white hover:bg-blue-800">Apply</button>
      </form>
      <p role="status" className="text-sm text-slate-700">
        {page.tooShort
          ? `Type at least ${SEARCH_MIN_LENGTH} characters to search.`
          : `${page.more ? `More than ${page.total.toLocaleString("en")}` : page.total.toLocaleString("en")} contact${page.total === 1 ? "" : "s"}`}
      </p>
      <DataTable
        rows={page.rows}
        rowKey={(row) => row.id}
        caption="Contacts, newest first"
        columns={[
          { header: "Email", cell: (row) => <Link href={`/admin/contacts/${row.id}`}>{row.email}</Link> },
          { header: "Name", cell: (row) => `${row.firstName} ${row.lastName}`.trim() || "—" },
          { header: "Shop", cell: (row) => row.shopName },
          { header: "Type", cell: (row) => row.customerType },
          {
            header: "Status",
            cell: (row) => (
              <>
                {row.status}
                {row.activationProblem ? (
                  <span className="ml-2 rounded bg-amber-100 px-2 py-0.5 text-xs font-medium text-amber-900">{activationProblems[row.activationProblem]}</span>
                ) : null}
              </>
            ),
          },
        ]}
      />
      <nav aria-label="Pages" className="flex gap-4">
        {filter.after ? <Link href={`/admin/contacts?${firstQuery.toString()}`}>First page</Link> : null}
        {page.next ? <Link href={`/admin/contacts?${nextQuery.toString()}`}>Next page</Link> : null}
      </nav>
    </section>
  );
}
