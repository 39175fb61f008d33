import type users from "@/messages/en/users.json";
import type { StaffRole } from "../../db/schema-enums";
import { problemCodes, type ProblemValues } from "../shops/settings-messages";

/**
 * What the Business users forms and their domain refuse with, as codes ("users:problems.grant{"roles":"shop_admin"}")
 * worded by the page in the reader's language (users.json "problems"); lib/shops/settings-messages.ts has the why.
 */
export type StaffProblem = keyof typeof users.problems;
const staffProblems = problemCodes<StaffProblem>("users");

export const staffProblemCode = staffProblems.code;
export const readStaffProblemCode = staffProblems.read;

/** Roles travel in a code as their names, comma-separated, and are worded as the reader's role labels. */
export const roleNames = (roles: readonly StaffRole[]): string => roles.join(",");

/** next-intl's translator of the "users" namespace, as far as problems and role labels need it. */
export type StaffProblemTranslator = (key: `problems.${StaffProblem}` | `roles.${StaffRole}`, values?: ProblemValues) => string;

/** A Business users message as the person reads it (its `roles` worded as role labels); any other text as it is. */
export function wordStaffProblem(t: StaffProblemTranslator, message: string): string {
  return staffProblems.word(t, message, (name, given) =>
    name === "roles" && typeof given === "string"
      ? given
          .split(",")
          .map((role) => t(`roles.${role as StaffRole}`))
          .join(", ")
      : given,
  );
}
