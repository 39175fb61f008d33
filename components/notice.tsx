import { useTranslations } from "next-intl";

export type UnknownFilter = { field: string; value: string };

/**
 * Filter values from the address that are none of the choices (`?status=bogus`): said plainly, and the list shows
 * everything instead. Part of the page, not news, so no live region.
 */
export function UnknownFilters({ problems }: { problems: UnknownFilter[] }) {
  const t = useTranslations("common.filters");
  if (problems.length === 0) return null;
  return (
    <ul className="space-y-1 rounded-md border border-amber-300 bg-amber-50 px-4 py-3 text-amber-950">
      {problems.map((problem) => (
        <li key={problem.field} className="break-words">
          {t("unknownValue", { field: problem.field, value: problem.value.slice(0, 100) })}
        </li>
      ))}
    </ul>
  );
}
