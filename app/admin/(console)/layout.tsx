import Link from "next/link";
import { redirect } from "next/navigation";
import { getTranslations } from "next-intl/server";
import type { ReactNode } from "react";
import { LinkButtonForm } from "@/components/link-button-form";
import type { StaffRole } from "@/db/schema";
import { currentSession } from "../guard";
import { adminSignOutAction } from "./actions";

const sections: { href: string; label: "contacts" | "notifications" | "users" | "settings" | "activity"; roles: StaffRole[] }[] = [
  { href: "/admin/contacts", label: "contacts", roles: ["customer_service"] },
  { href: "/admin/notifications", label: "notifications", roles: ["customer_service", "shop_admin"] },
  { href: "/admin/users", label: "users", roles: ["user_manager"] },
  { href: "/admin/settings", label: "settings", roles: ["shop_admin"] },
  { href: "/admin/activity", label: "activity", roles: ["user_manager", "shop_admin"] },
];

/** The toolbar: who is signed in with which roles, the sections their roles open, and the user menu. */
export default async function ConsoleLayout({ children }: { children: ReactNode }) {
  const context = await currentSession();
  if (!context) redirect("/admin/login");
  const { staff } = context;
  // The second step has a page of its own, outside the console; every page here checks it again (requireStaff).
  if (!staff.passwordTemporary && context.secondFactor) redirect("/admin/second-factor");
  const t = await getTranslations("admin.menu");
  const nav = await getTranslations("console.nav");
  const roles = await getTranslations("console.roles");
  const brand = await getTranslations("secondFactor");
  const allowed = (roles: StaffRole[]) => !staff.passwordTemporary && !context.secondFactor && roles.some((role) => staff.roles.includes(role));
  return (
    <>
      <header className="border-b border-slate-700 bg-slate-900 text-white">
        <div className="mx-auto flex max-w-6xl flex-wrap items-center justify-between gap-4 px-4 py-3 sm:px-6">
          <Link href="/admin" className="font-semibold text-white">
            {brand("brand")}
          </Link>
          <nav aria-label={nav("label")}>
            <ul className="flex flex-wrap items-center gap-4 text-sm">
              {sections
                .filter((section) => allowed(section.roles))
                .map((section) => (
                  <li key={section.href}>
                    <Link href={section.href} className="text-white">
                      {nav(section.label)}
                    </Link>
                  </li>
                ))}
            </ul>
          </nav>
          {/* A <details> menu: opens with a click, Enter or Space, and without JavaScript. */}
          <details className="group relative max-w-full text-sm">
            <summary
              className="flex cursor-pointer list-none items-center gap-2 rounded px-2 py-1 hover:bg-slate-800 focus:outline-none focus:ring-2 focus:ring-white [&::-webkit-details-marker]:hidden"
            >
              <span className="min-w-0 truncate">
                {staff.name} <span className="text-slate-300">({staff.roles.map((role) => roles(role)).join(", ")})</span>
              </span>
              <svg aria-hidden="true" viewBox="0 0 20 20" className="h-4 w-4 shrink-0 transition-transform group-open:rotate-180" fill="currentColor">
                <path d="M5.3 7.3a1 1 0 0 1 1.4 0L10 10.6l3.3-3.3a1 1 0 1 1 1.4 1.4l-4 4a1 1 0 0 1-1.4 0l-4-4a1 1 0 0 1 0-1.4z" />
              </svg>
            </summary>
            <div className="absolute right-0 z-10 mt-2 w-56 max-w-[calc(100vw-2rem)] space-y-2 rounded-md border border-slate-200 bg-white p-3 text-slate-900 shadow-lg">
              <p className="truncate text-slate-600">{staff.email}</p>
              <Link href="/admin/change-password" className="block">
                {t("changePassword")}
              </Link>
              <LinkButtonForm action={adminSignOutAction}>{t("signOut")}</LinkButtonForm>
            </div>
          </details>
        </div>
      </header>
      <main id="content" tabIndex={-1} className="mx-auto max-w-6xl px-4 py-8 sm:px-6">{children}</main>
    </>
  );
}
