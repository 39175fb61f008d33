import { createTranslator } from "next-intl";
import passwords from "../../messages/en/passwords.json" with { type: "json" };
import type { PasswordText } from "./rules";
import { wordPasswordMessage, wordPasswordText } from "./words";

/** Password rules and failures in English, for what has no reader's language: the command line and tests. */
const english = createTranslator({ locale: "en", messages: { passwords }, namespace: "passwords" });

export function passwordTextInEnglish(text: PasswordText): string {
  return wordPasswordText(english, text);
}

/** A field error in English where it is a password failure's code (lib/passwords/words.ts); other text as it is. */
export function passwordMessageInEnglish(message: string): string {
  return wordPasswordMessage(english, message);
}
