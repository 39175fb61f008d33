import Link from "next/link";
import type { ReactNode } from "react";

/** A link that looks like the primary button: "New user", "New contact", "New shop", "New attribute". */
export function ButtonLink({ href, children }: { href: string; children: ReactNode }) {
  return (
    <Link href={href} className="rounded-md bg-accent px-4 py-2 font-medium text-white no-underline shadow-sm hover:brightness-90">
      {children}
    </Link>
  );
}
