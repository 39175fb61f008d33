import type consoleMessages from "@/messages/en/console.json";
import type officeMessages from "@/messages/en/office.json";

/** The back office's own form messages: console.json › formErrors and office.json › formErrors. */
type FormErrorKeys = {
  console: keyof typeof consoleMessages.formErrors;
  office: keyof typeof officeMessages.formErrors;
};
export type BackOfficeArea = keyof FormErrorKeys;
export type BackOfficeCode = { [A in BackOfficeArea]: { area: A; key: FormErrorKeys[A] } }[BackOfficeArea];

const PREFIX = "back-office:";

/**
 * A back-office form message as the schemas and the domain give it (like lib/i18n/message-code.ts does for the
 * validation area): its area and key, worded only where it is shown, in the business user's language
 * (app/admin/form-errors.ts).
 */
export function backOfficeCode<A extends BackOfficeArea>(area: A, key: FormErrorKeys[A]): string {
  return `${PREFIX}${area}.${key}`;
}

/** The area and key of a message made by backOfficeCode; null for any other text (a validation code included). */
export function readBackOfficeCode(message: string): BackOfficeCode | null {
  if (!message.startsWith(PREFIX)) return null;
  const [area, key] = message.slice(PREFIX.length).split(".", 2);
  if ((area !== "console" && area !== "office") || !key) return null;
  return { area, key } as BackOfficeCode;
}
