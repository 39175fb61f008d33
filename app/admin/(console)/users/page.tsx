import type { Metadata } from "next";
import Link from "next/link";
import { getDb } from "@/db/client";
import { PageHeading } from "@/components/form";
import { roleLabels } from "@/lib/staff/forms";
import { listStaff } from "@/lib/staff/users";
import { requireStaff } from "../../guard";

export const metadata: Metadata = { title: "Business users" };

export default async function StaffListPage() {
  await requireStaff("user_manager");
  const users = await listStaff(await getDb());
  return (
    <section className="space-y-6">
      <div className="flex items-center justify-between">
        <PageHeading>Business users</PageHeading>
        <Link href="/admin/users/new" className="rounded-md bg-blue-700 px-4 py-2 font-medium text-white no-underline hover:bg-blue-800">
          New user
        </Link>
      </div>
      <table className="w-full border-collapse text-left text-sm">
        <thead>
          <tr className="border-b border-slate-300">
            <th scope="col" className="py-2 pr-4">Name</th>
            <th scope="col" className="py-2 pr-4">Email</th>
            <th scope="col" className="py-2 pr-4">Roles</th>
            <th scope="col" className="py-2 pr-4">Status</th>
          </tr>
        </thead>
        <tbody>
          {users.map((user) => (
            <tr key={user.id} className="border-b border-slate-200">
              <td className="py-2 pr-4">
                <Link href={`/admin/users/${user.id}`}>{user.name}</Link>
              </td>
              <td className="py-2 pr-4">{user.email}</td>
              <td className="py-2 pr-4">{user.roles.map((role) => roleLabels[role]).join(", ")}</td>
              <td className="py-2 pr-4">
                {user.status === "disabled" ? "Deactivated" : user.passwordTemporary ? "Active (temporary password)" : "Active"}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
