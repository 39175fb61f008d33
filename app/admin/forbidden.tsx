import Link from "next/link";
import { getTranslations } from "next-intl/server";

export default async function Forbidden() {
  const t = await getTranslations("console.forbidden");
  return (
    <main id="content" tabIndex={-1} className="mx-auto max-w-xl px-6 py-16">
      <h1 className="text-2xl font-semibold">{t("title")}</h1>
      <p className="mt-4 text-slate-700">{t("text")}</p>
      <p className="mt-6">
        <Link href="/admin">{t("back")}</Link>
      </p>
    </main>
  );
}
