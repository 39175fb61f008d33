import { dictionary } from "@zxcvbn-ts/language-common";

/** The ~49,000 most common passwords of the maintained zxcvbn-ts list, lower-cased. */
const common = new Set<string>(dictionary["passwords-common"] as string[]);

export function isCommonPassword(password: string): boolean {
  return common.has(password.toLowerCase());
}
