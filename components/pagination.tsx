import Link from "next/link";
import { useTranslations } from "next-intl";

/** A list's address with these query values; empty ones are left out so that the address stays short. */
export function hrefWith(path: string, values: Record<string, string | number | null | undefined>): string {
  const query = new URLSearchParams();
  for (const [name, value] of Object.entries(values)) {
    if (value !== undefined && value !== null && String(value) !== "") query.set(name, String(value));
  }
  const text = query.toString();
  return text ? `${path}?${text}` : path;
}

const linkClass = "rounded-md border border-slate-300 px-3 py-1.5 text-sm";

/** Keyset pages (long lists): back to the first page, on to the next; no page numbers. */
export function KeysetPagination({ firstHref, nextHref }: { firstHref: string | null; nextHref: string | null }) {
  const t = useTranslations("common.pagination");
  if (!firstHref && !nextHref) return null;
  return (
    <nav aria-label={t("label")} className="flex flex-wrap gap-3">
      {firstHref ? (
        <Link href={firstHref} className={linkClass}>
          {t("first")}
        </Link>
      ) : null}
      {nextHref ? (
        <Link href={nextHref} className={linkClass}>
          {t("next")}
        </Link>
      ) : null}
    </nav>
  );
}

/** Numbered pages (short lists read whole): previous, "Page 2 of 3", next. */
export function OffsetPagination({ page, pages, hrefFor }: { page: number; pages: number; hrefFor: (page: number) => string }) {
  const t = useTranslations("common.pagination");
  if (pages <= 1) return null;
  return (
    <nav aria-label={t("label")} className="flex flex-wrap items-center gap-3">
      {page > 1 ? (
        <Link href={hrefFor(page - 1)} className={linkClass}>
          {t("previous")}
        </Link>
      ) : null}
      <span className="text-sm text-slate-700" aria-current="page">
        {t("pageOf", { page, pages })}
      </span>
      {page < pages ? (
        <Link href={hrefFor(page + 1)} className={linkClass}>
          {t("next")}
        </Link>
      ) : null}
    </nav>
  );
}
