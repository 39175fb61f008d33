/**
 * Password rules and failures (lib/passwords/rules.ts) in a reader's language, from the catalogue's `passwords` area.
 * A set of characters is worded in the form its sentence needs (its slot): "A digit" / "Add a digit." / "At least 2
 * digits" / "No digits" / "Only digits" in English; "Цифра" / "Добавьте цифру." / "Не менее 2 цифр" / "Без цифр" in
 * Russian. Slots `than` and `thanMany` word what "a character other than …" excludes. Shared by the browser and the server: no Node imports, and the translator is given by the caller.
 */
import type { createTranslator } from "next-intl";
import type passwords from "@/messages/en/passwords.json";
import { characterClasses, passwordTextKeys, type CharacterWords, type PasswordText, type PasswordTextKey } from "./rules";

/** The catalogue's `passwords` area: useTranslations("passwords"), getTranslations("passwords"), or createTranslator. */
export type PasswordsTranslator = ReturnType<typeof createTranslator<{ passwords: typeof passwords }, "passwords">>;

/** The forms of a set of characters, one per kind of place in a sentence (the keys under `classes.<class>`). */
type Slot = "one" | "add" | "counted" | "none" | "many";

/** Which form each sentence about a set of characters takes ({what}). */
const slots: Partial<Record<PasswordTextKey, Slot>> = {
  "rules.contains": "one",
  "failures.contains": "add",
  "rules.atLeast": "counted",
  "failures.atLeast": "counted",
  "rules.none": "none",
  "failures.none": "many",
  "rules.only": "many",
  "failures.only": "many",
};

/** "a letter or a digit" (one of them) / "letters and digits" (all of them). */
function list(t: PasswordsTranslator, items: string[], conjunction: "or" | "and"): string {
  if (items.length <= 1) return items[0] ?? "";
  return t(`list.${conjunction}`, { first: items.slice(0, -1).join(", "), last: items[items.length - 1] });
}

/**
 * The set in the slot's form: its classes and characters listed, or "a character other than" them. After a number
 * ("At least 2 letters and digits") the first carries the number (`counted`) and the others follow (`countedRest`).
 */
function wordSet(t: PasswordsTranslator, set: CharacterWords, slot: Slot, count: number): string {
  const single = slot === "one" || slot === "add";
  const names = [...set.classes, ...(set.characters ? [set.characters.length === 1 ? ("character" as const) : ("characters" as const)] : [])];
  const items = (form: Slot | "countedRest" | "than" | "thanMany") =>
    names.map((name, index) => {
      const itemForm = form === "counted" && index > 0 ? "countedRest" : form;
      return t(`classes.${name}.${itemForm}`, { count, characters: set.characters });
    });
  if (!set.negated) return list(t, items(slot), single ? "or" : "and");
  const excluded = single ? list(t, items("than"), "or") : list(t, items("thanMany"), "and");
  return t(`classes.other.${slot}`, { count, what: excluded });
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** A rule or a failure in the translator's language; the policy's own message as it is. */
export function wordPasswordText(t: PasswordsTranslator, text: PasswordText): string {
  if ("own" in text) return text.own;
  const slot = slots[text.key];
  const values: Record<string, string | number> = { ...text.values };
  if (slot && text.set) values.what = wordSet(t, text.set, slot, text.values?.count ?? 1);
  const worded = t(text.key, values);
  // A set of characters may open the sentence ("A digit"); a pattern is shown exactly as written.
  return text.key.endsWith(".pattern") ? worded : capitalise(worded);
}

const PREFIX = "password:";

/**
 * A failure as a form's field error (a zod issue's message, a server's field errors): worded where the field shows
 * it (components/password-field.tsx), like lib/i18n/message-code.ts's validation codes. The own message stays text.
 */
export function passwordMessageCode(text: PasswordText): string {
  return "own" in text ? text.own : `${PREFIX}${JSON.stringify(text)}`;
}

const isWords = (set: unknown): set is CharacterWords => {
  const words = set as CharacterWords;
  return (
    !!words &&
    Array.isArray(words.classes) &&
    words.classes.every((name) => (characterClasses as readonly string[]).includes(name)) &&
    typeof words.characters === "string" &&
    typeof words.negated === "boolean"
  );
};

/** The failure a passwordMessageCode stands for; null for any other text (a shop's own message, a validation code). */
export function readPasswordMessageCode(message: string): PasswordText | null {
  if (!message.startsWith(PREFIX)) return null;
  try {
    const text = JSON.parse(message.slice(PREFIX.length)) as { key?: unknown; values?: unknown; set?: unknown };
    const known = (passwordTextKeys as readonly unknown[]).includes(text.key);
    const values = text.values === undefined || (typeof text.values === "object" && text.values !== null);
    return known && values && (text.set === undefined || isWords(text.set)) ? (text as PasswordText) : null;
  } catch {
    return null;
  }
}

/** A field error as the person reads it: a password failure's code worded, any other message as it is. */
export function wordPasswordMessage(t: PasswordsTranslator, message: string): string {
  const text = readPasswordMessageCode(message);
  return text ? wordPasswordText(t, text) : message;
}
