import type { Metadata } from "next";
import Link from "next/link";
import { getDb } from "@/db/client";
import { registrationAttributesOf, selfRegistrationTypes } from "@/lib/shops";
import { requireShop } from "../../request";
import { PageHeading } from "@/components/form";
import { RegistrationForm } from "./components";

export const metadata: Metadata = { title: "Create account" };

export default async function RegisterPage({ searchParams }: { searchParams: Promise<{ type?: string | string[] }> }) {
  const shop = await requireShop();
  const db = await getDb();
  const types = await selfRegistrationTypes(db, shop.id);
  const requested = (await searchParams).type;
  const selected = types.find((type) => type.code === requested) ?? types[0];
  if (!selected) {
    return (
      <section className="space-y-4">
        <PageHeading>Create account</PageHeading>
        <p>This shop does not offer self-registration. Please contact the shop to open an account.</p>
      </section>
    );
  }
  const attributes = await registrationAttributesOf(db, shop.id, selected.code);
  return (
    <section className="max-w-md space-y-6">
      <PageHeading>Create account</PageHeading>
      {types.length > 1 ? (
        <nav aria-label="Account type" className="flex gap-2">
          {types.map((type) => (
            <Link
              key={type.code}
              href={`/register?type=${encodeURIComponent(type.code)}`}
              aria-current={type.code === selected.code ? "page" : undefined}
              className="rounded-full border border-slate-300 px-3 py-1 text-sm aria-[current=page]:border-blue-700 aria-[current=page]:bg-blue-50 aria-[current=page]:font-semibold"
            >
              {type.name} account
            </Link>
          ))}
        </nav>
      ) : null}
      <RegistrationForm key={selected.code} customerType={selected.code} attributes={attributes} />
      <p className="text-sm text-slate-700">
        Already have an account? <Link href="/login">Sign in</Link>
      </p>
    </section>
  );
}
