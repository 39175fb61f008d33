import type users from "@/messages/en/users.json";
import type { StaffRole } from "../../db/schema-enums";
import { codeOf, nested, type MessageValues } from "@/i18n/message-code";

/**
 * What the Business users forms and their domain refuse with, as codes of users.json "problems"
 * (`users:problems.grant{"roles":[…]}`, i18n/message-code.ts), worded where they are shown.
 */
export type StaffProblem = keyof typeof users.problems;

export function staffProblemCode(key: StaffProblem, values?: MessageValues): string {
  return codeOf("users", `problems.${key}`, values);
}

/** Roles travel in a code as their own messages (users.json "roles"), worded as the reader's role labels. */
export const roleNames = (roles: readonly StaffRole[]) => roles.map((role) => nested(codeOf("users", `roles.${role}`)));
