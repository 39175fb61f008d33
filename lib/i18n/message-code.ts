import type validation from "@/messages/en/validation.json";

/** A validation message of the catalogue (messages/<language>/validation.json). */
export type ValidationKey = keyof typeof validation;
export type MessageValues = Record<string, string | number>;

const PREFIX = "validation:";

/**
 * A validation message as the schemas give it: its catalogue key and values, worded only where it is shown (in the
 * shopper's language, by components/form.tsx). Shared by the browser and the server, so both check the same rules.
 */
export function messageCode(key: ValidationKey, values?: MessageValues): string {
  return `${PREFIX}${key}${values ? JSON.stringify(values) : ""}`;
}

/** The key and values of a message made by messageCode; null for any other text (e.g. a shop's own pattern message). */
export function readMessageCode(message: string): { key: ValidationKey; values?: MessageValues } | null {
  if (!message.startsWith(PREFIX)) return null;
  const rest = message.slice(PREFIX.length);
  const brace = rest.indexOf("{");
  if (brace < 0) return { key: rest as ValidationKey };
  try {
    return { key: rest.slice(0, brace) as ValidationKey, values: JSON.parse(rest.slice(brace)) as MessageValues };
  } catch {
    return null;
  }
}
