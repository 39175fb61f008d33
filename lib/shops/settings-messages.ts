import type settings from "@/messages/en/settings.json";

/**
 * What Settings' forms and their domain refuse with, as codes ("settings:problems.hostPort{"host":"x:80"}") that the
 * page words in the reader's language (messages/<language>/settings.json, "problems"), the way validation messages
 * are coded by lib/i18n/message-code.ts. Shared by the browser and the server, so both check the same rules.
 */
export type SettingsProblem = keyof typeof settings.problems;
export type ProblemValues = Record<string, string | number>;

const PREFIX = "settings:problems.";

export function problemCode(key: SettingsProblem, values?: ProblemValues): string {
  return `${PREFIX}${key}${values ? JSON.stringify(values) : ""}`;
}

/** The key and values of a code made by problemCode; null for any other text (a message worded elsewhere). */
export function readProblemCode(message: string): { key: SettingsProblem; values?: ProblemValues } | null {
  if (!message.startsWith(PREFIX)) return null;
  const rest = message.slice(PREFIX.length);
  const brace = rest.indexOf("{");
  if (brace < 0) return { key: rest as SettingsProblem };
  try {
    return { key: rest.slice(0, brace) as SettingsProblem, values: JSON.parse(rest.slice(brace)) as ProblemValues };
  } catch {
    return null;
  }
}

/** next-intl's translator of the "settings" namespace (useTranslations or getTranslations), as far as problems need it. */
export type ProblemTranslator = (key: `problems.${SettingsProblem}`, values?: ProblemValues) => string;

/**
 * A message as the person reads it: a problem code worded (its `problem` value, the rule a form would break, is a code
 * too and worded first; other values are what people typed and stay as they are); any other text (a validation code
 * that Field words, a message of another module) as it is.
 */
export function wordProblem(t: ProblemTranslator, message: string): string {
  const code = readProblemCode(message);
  if (!code) return message;
  const { problem, ...values } = code.values ?? {};
  return t(`problems.${code.key}`, typeof problem === "string" ? { ...values, problem: wordProblem(t, problem) } : code.values);
}
