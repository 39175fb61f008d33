import { createTranslator } from "next-intl";
import { englishMessages } from "@/i18n/messages";
import { passwordMessageInEnglish } from "@/lib/passwords/english";
import { wordMessage, type CatalogueTranslator } from "./message-code";

const english = createTranslator({ locale: "en", messages: englishMessages }) as unknown as CatalogueTranslator;

/**
 * A message in English, for what has no reader's language: the command line and tests. Codes of any area
 * (./message-code.ts) and password failures (lib/passwords/words.ts) are worded; any other text stays as it is.
 */
export function inEnglish(message: string): string {
  return wordMessage(english, passwordMessageInEnglish(message));
}

/** Every message in a value (strings, arrays, plain objects) in English, the rest as it is (for results in tests). */
export function resultInEnglish<T>(value: T): T {
  if (typeof value === "string") return inEnglish(value) as T;
  if (Array.isArray(value)) return value.map((item) => resultInEnglish(item)) as T;
  if (value && typeof value === "object" && Object.getPrototypeOf(value) === Object.prototype) {
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, resultInEnglish(item)])) as T;
  }
  return value;
}
