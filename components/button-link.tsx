import Link from "next/link";
import type { ReactNode } from "react";
import { buttonClass, type ButtonTone } from "./form";

/** A link that looks like a button: "New user", "New contact", or an action's link to its confirmation page. */
export function ButtonLink({ href, children, tone }: { href: string; children: ReactNode; tone?: ButtonTone }) {
  return (
    <Link href={href} className={buttonClass(tone)}>
      {children}
    </Link>
  );
}
