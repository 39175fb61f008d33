import type { Metadata } from "next";
import { getDb } from "@/db/client";
import { DataTable, formatUtc } from "@/components/data-table";
import { PageHeading, SelectField } from "@/components/form";
import { activityActions, listActivity } from "@/lib/activity";
import { requireStaff } from "../../guard";

export const metadata: Metadata = { title: "Activity" };

const one = (value: string | string[] | undefined) => (Array.isArray(value) ? value[0] : value) ?? "";

export default async function ActivityPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const { staff } = await requireStaff(["user_manager", "shop_admin"]);
  const params = await searchParams;
  const person = one(params.person).slice(0, 200);
  const action = one(params.action).slice(0, 100);
  const db = await getDb();
  const [rows, actions] = await Promise.all([listActivity(db, staff, { person, action }), activityActions(db, staff)]);
  return (
    <section className="space-y-6">
      <PageHeading>Activity</PageHeading>
      <form method="get" className="flex flex-wrap items-end gap-4" role="search" aria-label="Filter the activity">
        <div className="space-y-1">
          <label htmlFor="person" className="block text-sm font-medium">Person (e-mail)</label>
          <input id="person" name="person" defaultValue={person} className="rounded-md border border-slate-400 px-3 py-2" />
        </div>
        <SelectField label="Action" name="action" defaultValue={action} anyLabel="All actions" options={actions.map((name) => ({ value: name, label: name }))} />
        <button type="submit" className="rounded-md bg-blue-700 px-4 py-2 font-medium text-white hover:bg-blue-800">Filter</button>
      </form>
      <DataTable
        rows={rows}
        rowKey={(row) => row.id}
        caption="Security events, newest first"
        empty="No activity matches."
        columns={[
          { header: "Time", cell: (row) => formatUtc(row.at, { seconds: true }), nowrap: true },
          { header: "Action", cell: (row) => row.action },
          { header: "By", cell: (row) => row.actorEmail ?? row.actorType },
          { header: "Concerning", cell: (row) => row.email ?? "—" },
          { header: "Address", cell: (row) => row.ip ?? "—" },
        ]}
      />
    </section>
  );
}
