import type { Metadata } from "next";
import Link from "next/link";
import { getDb } from "@/db/client";
import { customerStatuses } from "@/db/schema";
import { PageHeading } from "@/components/form";
import { searchContacts, shopsWithTypes, SEARCH_MIN_LENGTH } from "@/lib/accounts/contacts";
import { requireStaff } from "../../guard";
import { SearchBox } from "./components";

export const metadata: Metadata = { title: "Contacts" };

const one = (value: string | string[] | undefined) => ((Array.isArray(value) ? value[0] : value) ?? "").slice(0, 600);

export default async function ContactsPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  await requireStaff("customer_service");
  const params = await searchParams;
  const filter = { q: one(params.q), shopId: one(params.shop), status: one(params.status), customerType: one(params.type), after: one(params.after) };
  const db = await getDb();
  const [page, shopList] = await Promise.all([searchContacts(db, filter), shopsWithTypes(db)]);
  const types = [...new Set(shopList.flatMap((shop) => shop.types.map((type) => type.code)))];
  const chosen = { q: filter.q, shop: filter.shopId, status: filter.status, type: filter.customerType };
  const firstQuery = new URLSearchParams(Object.entries(chosen).filter(([, value]) => value));
  const nextQuery = new URLSearchParams(firstQuery);
  if (page.next) nextQuery.set("after", page.next);
  return (
    <section className="space-y-6">
      <div className="flex items-center justify-between">
        <PageHeading>Office › Contacts</PageHeading>
        <Link href="/admin/contacts/new" className="rounded-md bg-blue-700 px-4 py-2 font-medium text-white no-underline hover:bg-blue-800">
          New contact
        </Link>
      </div>
      <form method="get" role="search" aria-label="Find contacts" className="flex flex-wrap items-start gap-4">
        <SearchBox initial={filter.q} />
        <div className="space-y-1">
          <label htmlFor="shop" className="block text-sm font-medium">Shop</label>
          <select id="shop" name="shop" defaultValue={filter.shopId} className="rounded-md border border-slate-400 px-3 py-2">
            <option value="">All shops</option>
            {shopList.map((shop) => (
              <option key={shop.id} value={shop.id}>{shop.name}</option>
            ))}
          </select>
        </div>
        <div className="space-y-1">
          <label htmlFor="status" className="block text-sm font-medium">Status</label>
          <select id="status" name="status" defaultValue={filter.status} className="rounded-md border border-slate-400 px-3 py-2">
            <option value="">Any status</option>
            {customerStatuses.map((status) => (
              <option key={status} value={status}>{status}</option>
            ))}
          </select>
        </div>
        <div className="space-y-1">
          <label htmlFor="type" className="block text-sm font-medium">Customer type</label>
          <select id="type" name="type" defaultValue={filter.customerType} className="rounded-md border border-slate-400 px-3 py-2">
            <option value="">Any type</option>
            {types.map((type) => (
              <option key={type} value={type}>{type}</option>
            ))}
          </select>
        </div>
        <button type="submit" className="mt-6 rounded-md bg-blue-700 px-4 py-2 font-medium text-white hover:bg-blue-800">Apply</button>
      </form>
      <p role="status" className="text-sm text-slate-700">
        {page.tooShort
          ? `Type at least ${SEARCH_MIN_LENGTH} characters to search.`
          : `${page.more ? `More than ${page.total.toLocaleString("en")}` : page.total.toLocaleString("en")} contact${page.total === 1 ? "" : "s"}`}
      </p>
      <table className="w-full border-collapse text-left text-sm">
        <caption className="sr-only">Contacts, newest first</caption>
        <thead>
          <tr className="border-b border-slate-300">
            <th scope="col" className="py-2 pr-4">Email</th>
            <th scope="col" className="py-2 pr-4">Name</th>
            <th scope="col" className="py-2 pr-4">Shop</th>
            <th scope="col" className="py-2 pr-4">Type</th>
            <th scope="col" className="py-2 pr-4">Status</th>
          </tr>
        </thead>
        <tbody>
          {page.rows.map((row) => (
            <tr key={row.id} className="border-b border-slate-200">
              <td className="py-2 pr-4"><Link href={`/admin/contacts/${row.id}`}>{row.email}</Link></td>
              <td className="py-2 pr-4">{`${row.firstName} ${row.lastName}`.trim() || "—"}</td>
              <td className="py-2 pr-4">{row.shopName}</td>
              <td className="py-2 pr-4">{row.customerType}</td>
              <td className="py-2 pr-4">{row.status}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <nav aria-label="Pages" className="flex gap-4">
        {filter.after ? <Link href={`/admin/contacts?${firstQuery.toString()}`}>First page</Link> : null}
        {page.next ? <Link href={`/admin/contacts?${nextQuery.toString()}`}>Next page</Link> : null}
      </nav>
    </section>
  );
}
