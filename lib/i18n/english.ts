import validation from "@/messages/en/validation.json";
import { passwordMessageInEnglish } from "@/lib/passwords/english";
import { readMessageCode } from "./message-code";

/**
 * A validation message in English, for what has no shopper's language: the command line and tests. Validation
 * messages hold plain `{name}` placeholders only (no plurals), so they are filled in here without a formatter; password
 * failures (lib/passwords/words.ts) are worded by lib/passwords/english.ts.
 */
export function inEnglish(message: string): string {
  const code = readMessageCode(message);
  if (!code) return passwordMessageInEnglish(message);
  if (!(code.key in validation)) return message;
  return validation[code.key].replace(/\{(\w+)\}/g, (whole, name: string) => String(code.values?.[name] ?? whole));
}
