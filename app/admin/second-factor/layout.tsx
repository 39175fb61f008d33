import { getTranslations } from "next-intl/server";
import type { ReactNode } from "react";
import { LinkButtonForm } from "@/components/link-button-form";
import { adminSignOutAction } from "../(console)/actions";

/**
 * The sign-in's second step, outside the console: a session waiting here reaches nothing else (requireStaff), so the
 * page offers no menu, only the way out.
 */
export default async function SecondFactorLayout({ children }: { children: ReactNode }) {
  const t = await getTranslations("secondFactor");
  return (
    <>
      <header className="border-b border-slate-700 bg-slate-900 text-white">
        <div className="mx-auto flex max-w-3xl flex-wrap items-center justify-between gap-4 px-4 py-3 sm:px-6">
          <p className="font-semibold">{t("brand")}</p>
          <LinkButtonForm action={adminSignOutAction} light>
            {t("signOut")}
          </LinkButtonForm>
        </div>
      </header>
      <main id="content" tabIndex={-1} className="mx-auto max-w-3xl space-y-6 px-4 py-10 sm:px-6">
        {children}
      </main>
    </>
  );
}
