import type { Messages } from "@/i18n/messages";
import type validation from "@/messages/en/validation.json";

/**
 * A message as the schemas and the domain give it: a catalogue key and its values, worded only where it is shown, in
 * the reader's language (components/form.tsx for fields, `wordMessage` with the request's translator elsewhere, the
 * English catalogue for the command line: ./english.ts). Shared by the browser and the server, so both check the same
 * rules. `validation:tooLong{"max":254}` is validation.json's `tooLong` with max 254; `settings:problems.hostTaken{…}`
 * is settings.json's `problems.hostTaken`.
 *
 * A value is what a person typed, shown as it is; a value that is itself a message (a rule a form would break, a role's
 * name) is marked `{ "$code": … }` and worded too, and a list of them is worded and joined.
 */
export type Area = keyof Messages;
export type NestedCode = { $code: string };
export type MessageValue = string | number | NestedCode | NestedCode[];
export type MessageValues = Record<string, MessageValue>;

const CODE = /^([a-z][A-Za-z]*):([A-Za-z][\w.-]*)(\{.*\})?$/s;

/** The code of `area`'s message `key` (a dotted path in that area's file) with its values. */
export function codeOf(area: Area, key: string, values?: MessageValues): string {
  return `${area}:${key}${values ? JSON.stringify(values) : ""}`;
}

/** A message given as a value of another (worded with it). */
export function nested(code: string): NestedCode {
  return { $code: code };
}

/** The area, key and values of a code; null for any other text (a shop's own pattern message, a typed value). */
export function readCode(message: string): { area: string; key: string; values?: MessageValues } | null {
  const match = CODE.exec(message);
  if (!match) return null;
  const [, area, key, json] = match;
  if (!json) return { area, key };
  try {
    const values = JSON.parse(json) as unknown;
    return values && typeof values === "object" && !Array.isArray(values) ? { area, key, values: values as MessageValues } : null;
  } catch {
    return null;
  }
}

/** A validation message of the catalogue (messages/<language>/validation.json). */
export type ValidationKey = keyof typeof validation;

export function messageCode(key: ValidationKey, values?: Record<string, string | number>): string {
  return codeOf("validation", key, values);
}

/** A translator of the whole catalogue: next-intl's useTranslations(), getTranslations() or createTranslator(). */
export type CatalogueTranslator = {
  (key: never, values?: never): string;
  has(key: never): boolean;
};

type Loose = { (key: string, values?: Record<string, string | number>): string; has(key: string): boolean };

/** A message as the person reads it: a code worded by `t` (its nested codes too), any other text as it is. */
export function wordMessage(translator: CatalogueTranslator, message: string): string {
  const t = translator as unknown as Loose;
  const code = readCode(message);
  const key = code && `${code.area}.${code.key}`;
  if (!code || !key || !t.has(key)) return message;
  const word = (value: MessageValue): string | number => {
    if (Array.isArray(value)) return value.map(word).join(", ");
    if (value && typeof value === "object") return typeof value.$code === "string" ? wordMessage(translator, value.$code) : "";
    return value;
  };
  return t(key, code.values && Object.fromEntries(Object.entries(code.values).map(([name, value]) => [name, word(value)])));
}
