import { postedForm } from "@/components/form-state";

/** The "Shops" fieldset of a posted form: the radio and the ticked shop codes (lengths bounded; the schema checks). */
export function shopScopeInput(formData: unknown): { shopScope: string | undefined; shops: string[] } {
  const form = postedForm(formData);
  const scope = form.get("shopScope");
  const shops = form
    .getAll("shops")
    .filter((code): code is string => typeof code === "string")
    .slice(0, 500)
    .map((code) => code.slice(0, 100));
  return { shopScope: typeof scope === "string" ? scope.slice(0, 20) : undefined, shops };
}
