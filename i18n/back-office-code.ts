import type consoleMessages from "@/messages/en/console.json";
import type officeMessages from "@/messages/en/office.json";
import { codeOf } from "./message-code";

/** The back office's own form messages: console.json › formErrors and office.json › formErrors. */
type FormErrorKeys = {
  console: keyof typeof consoleMessages.formErrors;
  office: keyof typeof officeMessages.formErrors;
};
export type BackOfficeArea = keyof FormErrorKeys;

/** A back-office form message as a code (./message-code.ts), worded where it is shown in the business user's language. */
export function backOfficeCode<A extends BackOfficeArea>(area: A, key: FormErrorKeys[A]): string {
  return codeOf(area, `formErrors.${key}`);
}
