import { useTranslations } from "next-intl";
import { readBackOfficeCode } from "@/lib/i18n/back-office-code";

type Errors = string[] | string | undefined;

/**
 * A form's field errors with the back office's own codes (lib/i18n/back-office-code.ts) worded in the business user's
 * language, from the browser's check or the server's answer alike. Validation codes and any other text are left to
 * the field (components/form.tsx words validation codes).
 */
export function useBackOfficeErrors(): (errors: Errors) => Errors {
  const consoleErrors = useTranslations("console.formErrors");
  const officeErrors = useTranslations("office.formErrors");
  const word = (message: string) => {
    const code = readBackOfficeCode(message);
    if (!code) return message;
    return code.area === "console" ? consoleErrors(code.key) : officeErrors(code.key);
  };
  return (errors) => (Array.isArray(errors) ? errors.map(word) : errors === undefined ? undefined : word(errors));
}
