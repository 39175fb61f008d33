/** The "Shops" fieldset of a posted form: the radio and the ticked shop codes (lengths bounded; the schema checks). */
export function shopScopeInput(formData: FormData): { shopScope: string | undefined; shops: string[] } {
  const scope = formData.get("shopScope");
  const shops = formData
    .getAll("shops")
    .filter((code): code is string => typeof code === "string")
    .slice(0, 500)
    .map((code) => code.slice(0, 100));
  return { shopScope: typeof scope === "string" ? scope.slice(0, 20) : undefined, shops };
}
