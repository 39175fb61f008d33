import type { Metadata } from "next";
import { getDb } from "@/db/client";
import { PageHeading } from "@/components/form";
import { activityActions, listActivity } from "@/lib/activity";
import { requireStaff } from "../../guard";

export const metadata: Metadata = { title: "Activity" };

const one = (value: string | string[] | undefined) => (Array.isArray(value) ? value[0] : value) ?? "";

export default async function ActivityPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  await requireStaff(["user_manager", "shop_admin"]);
  const params = await searchParams;
  const person = one(params.person).slice(0, 200);
  const action = one(params.action).slice(0, 100);
  const db = await getDb();
  const [rows, actions] = await Promise.all([listActivity(db, { person, action }), activityActions(db)]);
  return (
    <section className="space-y-6">
      <PageHeading>Activity</PageHeading>
      <form method="get" className="flex flex-wrap items-end gap-4" role="search" aria-label="Filter the activity">
        <div className="space-y-1">
          <label htmlFor="person" className="block text-sm font-medium">Person (e-mail)</label>
          <input id="person" name="person" defaultValue={person} className="rounded-md border border-slate-400 px-3 py-2" />
        </div>
        <div className="space-y-1">
          <label htmlFor="action" className="block text-sm font-medium">Action</label>
          <select id="action" name="action" defaultValue={action} className="rounded-md border border-slate-400 px-3 py-2">
            <option value="">All actions</option>
            {actions.map((name) => (
              <option key={name} value={name}>{name}</option>
            ))}
          </select>
        </div>
        <button type="submit" className="rounded-md bg-blue-700 px-4 py-2 font-medium text-white hover:bg-blue-800">Filter</button>
      </form>
      {rows.length === 0 ? (
        <p>No activity matches.</p>
      ) : (
        <table className="w-full border-collapse text-left text-sm">
          <caption className="sr-only">Security events, newest first</caption>
          <thead>
            <tr className="border-b border-slate-300">
              <th scope="col" className="py-2 pr-4">Time (UTC)</th>
              <th scope="col" className="py-2 pr-4">Action</th>
              <th scope="col" className="py-2 pr-4">By</th>
              <th scope="col" className="py-2 pr-4">Concerning</th>
              <th scope="col" className="py-2 pr-4">Address</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((row) => (
              <tr key={row.id} className="border-b border-slate-200 align-top">
                <td className="py-2 pr-4 whitespace-nowrap">{row.at.toISOString().replace("T", " ").slice(0, 19)}</td>
                <td className="py-2 pr-4">{row.action}</td>
                <td className="py-2 pr-4">{row.actorEmail ?? row.actorType}</td>
                <td className="py-2 pr-4">{row.email ?? "—"}</td>
                <td className="py-2 pr-4">{row.ip ?? "—"}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
