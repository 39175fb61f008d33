import type settings from "@/messages/en/settings.json";

export type ProblemValues = Record<string, string | number>;

/**
 * What a catalogue area's forms and their domain refuse with, as codes ("settings:problems.hostPort{"host":"x:80"}")
 * that the page words in the reader's language (messages/<language>/<area>.json, "problems"), the way validation
 * messages are coded by lib/i18n/message-code.ts. Shared by the browser and the server, so both check the same rules.
 */
export function problemCodes<Key extends string>(area: string) {
  const prefix = `${area}:problems.`;

  const code = (key: Key, values?: ProblemValues): string => `${prefix}${key}${values ? JSON.stringify(values) : ""}`;

  /** The key and values of one of the area's codes; null for any other text (a message worded elsewhere). */
  const read = (message: string): { key: Key; values?: ProblemValues } | null => {
    if (!message.startsWith(prefix)) return null;
    const rest = message.slice(prefix.length);
    const brace = rest.indexOf("{");
    if (brace < 0) return { key: rest as Key };
    try {
      return { key: rest.slice(0, brace) as Key, values: JSON.parse(rest.slice(brace)) as ProblemValues };
    } catch {
      return null;
    }
  };

  /**
   * A message as the person reads it: one of the area's codes worded by `t` (next-intl's translator of the area), its
   * values given as they are unless `value` words one (a nested code, a list of roles); any other text as it is.
   */
  const word = (
    t: (key: `problems.${Key}`, values?: ProblemValues) => string,
    message: string,
    value: (name: string, given: string | number) => string | number = (_, given) => given,
  ): string => {
    const found = read(message);
    if (!found) return message;
    const values = found.values && Object.fromEntries(Object.entries(found.values).map(([name, given]) => [name, value(name, given)]));
    return t(`problems.${found.key}`, values);
  };

  return { code, read, word };
}

/** Settings' problems (settings.json "problems"). */
export type SettingsProblem = keyof typeof settings.problems;
const settingsProblems = problemCodes<SettingsProblem>("settings");

export const problemCode = settingsProblems.code;
export const readProblemCode = settingsProblems.read;

/** next-intl's translator of the "settings" namespace (useTranslations or getTranslations), as far as problems need it. */
export type ProblemTranslator = (key: `problems.${SettingsProblem}`, values?: ProblemValues) => string;

/**
 * A Settings message as the person reads it: its `problem` value, the rule a form would break, is a code too and worded
 * first; other values are what people typed and stay as they are. Any other text (a validation code that Field words, a
 * message of another module) stays as it is.
 */
export function wordProblem(t: ProblemTranslator, message: string): string {
  return settingsProblems.word(t, message, (name, given) => (name === "problem" && typeof given === "string" ? wordProblem(t, given) : given));
}
