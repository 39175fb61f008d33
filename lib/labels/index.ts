/**
 * The back office shows codes (statuses, activity actions, notification types) as words from the catalogue; the code
 * stays visible as secondary text. The domain returns codes only: these helpers turn a catalogue section into a
 * lookup and say when a code has no words (then the code itself is shown).
 */
export type LabelMap = Readonly<Record<string, string>>;

/** `{ customer: { "signed-in": "Signed in" } }` → `{ "customer.signed-in": "Signed in" }`, as activity actions are stored. */
export function flattenLabels(tree: unknown, prefix = ""): Record<string, string> {
  const flat: Record<string, string> = {};
  if (!tree || typeof tree !== "object") return flat;
  for (const [key, value] of Object.entries(tree)) {
    const code = prefix ? `${prefix}.${key}` : key;
    if (typeof value === "string") flat[code] = value;
    else Object.assign(flat, flattenLabels(value, code));
  }
  return flat;
}

export type Label = { code: string; text: string; known: boolean };

/** The words for a code, or the code itself when the catalogue has none (a value written by a newer version). */
export function labelOf(labels: LabelMap, code: string): Label {
  const text = Object.hasOwn(labels, code) ? labels[code] : undefined;
  return text === undefined ? { code, text: code, known: false } : { code, text, known: true };
}
