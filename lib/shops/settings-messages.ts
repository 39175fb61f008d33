import type settings from "@/messages/en/settings.json";
import { codeOf, type MessageValues } from "@/i18n/message-code";

/**
 * What Settings' forms and their domain refuse with, as codes of settings.json "problems"
 * (`settings:problems.hostPort{"host":"x:80"}`, i18n/message-code.ts), worded where they are shown.
 */
export type SettingsProblem = keyof typeof settings.problems;

export function problemCode(key: SettingsProblem, values?: MessageValues): string {
  return codeOf("settings", `problems.${key}`, values);
}
