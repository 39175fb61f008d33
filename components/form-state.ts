/** What every server action behind a form answers: field errors travel whole, passwords never travel back. */
export type FormState = {
  fieldErrors?: Record<string, string[] | undefined>;
  formError?: string;
  values?: Record<string, string>;
  /** A confirmation to show instead of an error (e.g. "we have sent you a link"). */
  notice?: string;
  /** Set by sign-in when a pending account gave the right password. */
  pendingEmail?: string;
};

/**
 * The form an action was called with. A forged server-action call can pass anything in its place (`[]` posted as
 * the arguments gives `undefined`): that counts as an empty form, which the form's schema then refuses field by field.
 */
export function postedForm(formData: unknown): FormData {
  return formData instanceof FormData ? formData : new FormData();
}

/**
 * The string fields of a submitted form (files and Next's own fields left out), each cut to a sane length: longer
 * than any field's own maximum (at most 1024), so that the form's schema still sees a value that is too long and
 * names its field, while a form posted with a field of hundreds of kilobytes is not carried any further.
 */
export function formStrings(formData: unknown, maxLength = 4096): Record<string, string> {
  const values: Record<string, string> = {};
  for (const [name, value] of postedForm(formData).entries()) {
    if (typeof value === "string" && !name.startsWith("$ACTION") && Object.keys(values).length < 50) {
      values[name] = value.slice(0, maxLength);
    }
  }
  return values;
}
