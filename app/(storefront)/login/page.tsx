import type { Metadata } from "next";
import Link from "next/link";
import { redirect } from "next/navigation";
import { PageHeading } from "@/components/form";
import { safeRedirectPath } from "@/lib/http/redirects";
import { signedInCustomer } from "../../auth";
import { requireShop } from "../../request";
import { SignInForm } from "./components";

export const metadata: Metadata = { title: "Sign in" };

export default async function SignInPage({ searchParams }: { searchParams: Promise<{ next?: string | string[] }> }) {
  const shop = await requireShop();
  const next = safeRedirectPath((await searchParams).next, "/account");
  if (await signedInCustomer(shop.id)) redirect(next);
  return (
    <section className="max-w-md space-y-6">
      <PageHeading>Sign in</PageHeading>
      <SignInForm next={next} />
      <p className="text-sm text-slate-700">
        <Link href="/forgot-password">Forgot your password?</Link>
      </p>
      <p className="text-sm text-slate-700">
        New here? <Link href="/register">Create an account</Link>.
      </p>
    </section>
  );
}
