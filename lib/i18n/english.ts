import validation from "@/messages/en/validation.json";
import { passwordMessageInEnglish } from "@/lib/passwords/english";
import { problemInEnglish } from "@/lib/shops/settings-messages-english";
import { staffProblemInEnglish } from "@/lib/staff/staff-messages-english";
import { readMessageCode } from "./message-code";

/**
 * A validation message in English, for what has no shopper's language: the command line and tests. Validation
 * messages hold plain `{name}` placeholders only (no plurals), so they are filled in here without a formatter; password
 * failures (lib/passwords/words.ts), Settings' and Business users' problems by their own English helpers.
 */
export function inEnglish(message: string): string {
  const code = readMessageCode(message);
  if (!code) return staffProblemInEnglish(problemInEnglish(passwordMessageInEnglish(message)));
  if (!(code.key in validation)) return message;
  return validation[code.key].replace(/\{(\w+)\}/g, (whole, name: string) => String(code.values?.[name] ?? whole));
}
