import type { Metadata } from "next";
import Link from "next/link";
import { getDb } from "@/db/client";
import { PageHeading } from "@/components/form";
import { DEFAULT_MANAGER_PASSWORD_REGEX, managerPasswordRegex, secondFactorRequired } from "@/lib/staff/preferences";
import { requireStaff } from "../../guard";
import { ManagerRegexForm, SecondFactorRequiredForm } from "./components";

export const metadata: Metadata = { title: "Settings" };

export default async function SettingsPage() {
  await requireStaff("shop_admin");
  const db = await getDb();
  const [pattern, required] = await Promise.all([managerPasswordRegex(db), secondFactorRequired(db)]);
  return (
    <section className="max-w-2xl space-y-6">
      <PageHeading>Settings</PageHeading>
      <nav aria-label="Settings">
        <ul className="space-y-2">
          <li>
            <Link href="/admin/settings/shops">Shops</Link>
            <span className="text-slate-700"> — host names, sender, branding, link lifetimes, customer types and registration forms</span>
          </li>
          <li>
            <Link href="/admin/settings/attributes">Attribute definitions</Link>
            <span className="text-slate-700"> — the fields registration forms are built from, with their validation patterns</span>
          </li>
        </ul>
      </nav>
      <section aria-labelledby="preferences-heading" className="space-y-3">
        <h2 id="preferences-heading" className="text-lg font-semibold">System preferences</h2>
        <p className="text-slate-700">
          Default: <code className="break-all">{DEFAULT_MANAGER_PASSWORD_REGEX}</code> (at least 8 characters, one
          upper-case letter, one lower-case letter, one digit and one of @#$%^&amp;+=, no spaces). Patterns that could
          stall the server, or that generated temporary passwords cannot meet, are refused.
        </p>
        <ManagerRegexForm pattern={pattern} />
        <SecondFactorRequiredForm required={required} />
      </section>
    </section>
  );
}
