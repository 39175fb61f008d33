"use client";

import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { startTransition } from "react";

/**
 * What a person sees when a page or a form could not be served: with JavaScript, a form posted while the database
 * is unavailable (the server answers 503 before the action runs) lands here. Nothing was done, and they can retry.
 */
export default function ErrorPage({ reset }: { error: Error & { digest?: string }; reset: () => void }) {
  const router = useRouter();
  const t = useTranslations("storefront.error");
  const retry = () =>
    startTransition(() => {
      router.refresh();
      reset();
    });
  return (
    <main id="content" tabIndex={-1} className="mx-auto max-w-xl px-6 py-16">
      <h1 className="text-2xl font-semibold">{t("heading")}</h1>
      <p className="mt-4 text-slate-700">{t("message")}</p>
      <p className="mt-6">
        <button type="button" onClick={retry} className="rounded bg-slate-900 px-4 py-2 font-medium text-white">
          {t("retry")}
        </button>
      </p>
    </main>
  );
}
