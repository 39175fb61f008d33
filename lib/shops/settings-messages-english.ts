import { createTranslator } from "next-intl";
import settings from "@/messages/en/settings.json";
import { wordProblem } from "./settings-messages";

const english = createTranslator({ locale: "en", messages: { settings }, namespace: "settings" });

/** A problem code in English, for what has no reader's language (tests, the command line); other text as it is. */
export function problemInEnglish(message: string): string {
  return wordProblem(english, message);
}

/** Every string in a value (strings, arrays, plain objects) through `word`, the rest as it is. */
export function wordStrings<T>(value: T, word: (message: string) => string): T {
  if (typeof value === "string") return word(value) as T;
  if (Array.isArray(value)) return value.map((item) => wordStrings(item, word)) as T;
  if (value && typeof value === "object" && Object.getPrototypeOf(value) === Object.prototype) {
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, wordStrings(item, word)])) as T;
  }
  return value;
}

/** Every problem code in a result in English, the rest as it is. */
export function resultInEnglish<T>(value: T): T {
  return wordStrings(value, problemInEnglish);
}
