import { createTranslator } from "next-intl";
import users from "@/messages/en/users.json";
import { wordStrings } from "../shops/settings-messages-english";
import { wordStaffProblem } from "./staff-messages";

const english = createTranslator({ locale: "en", messages: { users }, namespace: "users" });

/**
 * A Business users problem code in English, for what has no reader's language: the command line (npm run admin:create
 * prints refusals with it) and tests. Any other text stays as it is.
 */
export function staffProblemInEnglish(message: string): string {
  return wordStaffProblem(english, message);
}

/** Every Business users problem code in a result in English, the rest as it is (for tests). */
export function staffResultInEnglish<T>(value: T): T {
  return wordStrings(value, staffProblemInEnglish);
}
