import { notFound } from "next/navigation";
import type { ReactNode } from "react";
import { getEnv } from "@/lib/env";

/** The local mailbox exists only while it is the active transport (SPEC §5). */
export default function MailboxLayout({ children }: { children: ReactNode }) {
  if (getEnv().mail.transport !== "local") notFound();
  return <main id="content" tabIndex={-1} className="mx-auto max-w-5xl px-6 py-10">{children}</main>;
}
