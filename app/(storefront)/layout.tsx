import Link from "next/link";
import type { ReactNode } from "react";
import { requireShop } from "../request";
import { signedInCustomer } from "../auth";
import { signOutAction } from "./actions";

/**
 * Every storefront page depends on the host (its shop): never render one at build time or serve one host's
 * render to another. Reading the headers already makes these pages dynamic; this says so where it matters.
 */
export const dynamic = "force-dynamic";

export default async function StorefrontLayout({ children }: { children: ReactNode }) {
  const shop = await requireShop();
  const customer = await signedInCustomer(shop.id);
  return (
    <>
      <header className="border-b border-slate-200 bg-white">
        <div className="mx-auto flex max-w-3xl items-center justify-between gap-4 px-6 py-4">
          <Link href="/" className="text-lg font-semibold text-slate-900" style={{ color: shop.accentColor }}>
            {shop.name}
          </Link>
          <nav aria-label="Account">
            <ul className="flex items-center gap-4">
              {customer ? (
                <>
                  <li>
                    <Link href="/account">My account</Link>
                  </li>
                  <li>
                    <form action={signOutAction}>
                      <button type="submit" className="text-blue-800 hover:underline">
                        Sign out
                      </button>
                    </form>
                  </li>
                </>
              ) : (
                <>
                  <li>
                    <Link href="/login">Sign in</Link>
                  </li>
                  <li>
                    <Link href="/register">Create account</Link>
                  </li>
                </>
              )}
            </ul>
          </nav>
        </div>
      </header>
      <main id="content" tabIndex={-1} className="mx-auto max-w-3xl px-6 py-10">{children}</main>
    </>
  );
}
