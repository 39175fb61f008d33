import { useTranslations } from "next-intl";
import { SEARCH_MIN_LENGTH } from "@/lib/accounts/contacts";

/**
 * The type-ahead search field. Inside the contacts' LiveFilterForm the results follow it as the agent types; without
 * JavaScript the form's button applies it.
 */
export function SearchBox({ initial }: { initial: string }) {
  const t = useTranslations("office.contacts");
  return (
    <div className="max-w-full space-y-1">
      <label htmlFor="q" className="block text-sm font-medium">
        {t("search")}
      </label>
      <input
        id="q"
        name="q"
        type="search"
        defaultValue={initial}
        placeholder={t("searchPlaceholder")}
        aria-describedby="q-hint"
        autoComplete="off"
        className="w-72 max-w-full rounded-md border border-slate-400 px-3 py-2"
      />
      <p id="q-hint" className="text-xs text-slate-600">
        {t("searchHint", { min: SEARCH_MIN_LENGTH })}
      </p>
    </div>
  );
}
