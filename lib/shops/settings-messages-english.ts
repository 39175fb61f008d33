import { createTranslator } from "next-intl";
import settings from "@/messages/en/settings.json";
import { wordProblem } from "./settings-messages";

const english = createTranslator({ locale: "en", messages: { settings }, namespace: "settings" });

/** A problem code in English, for what has no reader's language (tests, the command line); other text as it is. */
export function problemInEnglish(message: string): string {
  return wordProblem(english, message);
}

/** Every problem code in a result (strings, arrays, objects) in English, the rest as it is. */
export function resultInEnglish<T>(value: T): T {
  if (typeof value === "string") return problemInEnglish(value) as T;
  if (Array.isArray(value)) return value.map(resultInEnglish) as T;
  if (value && typeof value === "object" && Object.getPrototypeOf(value) === Object.prototype) {
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, resultInEnglish(item)])) as T;
  }
  return value;
}
