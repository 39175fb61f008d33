import Link from "next/link";
import { requestHost, requestShop } from "./request";

/** Unknown hosts get "no shop here" (SPEC §2); unknown pages of a known shop get a plain not-found. */
export default async function NotFound() {
  const shop = await requestShop().catch(() => null);
  const host = (await requestHost()) ?? "";
  return (
    <main id="content" tabIndex={-1} className="mx-auto max-w-xl px-6 py-16">
      <h1 className="text-2xl font-semibold">{shop ? "Page not found" : "No shop here"}</h1>
      <p className="mt-4 text-slate-700">
        {shop
          ? "We couldn't find that page. Check the address, or go back to the shop's home page."
          : `There is no shop at ${host.slice(0, 100) || "this address"}. Check the address you typed.`}
      </p>
      {shop ? (
        <p className="mt-6">
          <Link href="/">Go to {shop.name}</Link>
        </p>
      ) : null}
    </main>
  );
}
