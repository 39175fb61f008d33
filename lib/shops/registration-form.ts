import { z } from "zod";
import { passwordProblem, PASSWORD_MAX } from "../passwords/policy";

/** Shared by the browser and the server: the registration form's shape, built from a shop's attributes. */
export const valueKinds = ["email", "text", "phone", "password", "confirmPassword"] as const;
export type ValueKind = (typeof valueKinds)[number];

export type FormAttribute = {
  code: string;
  label: string;
  valueKind: ValueKind;
  required: boolean;
  regex: string | null;
  regexMessage: string | null;
};

export const EMAIL_MAX = 254;
const TEXT_MAX = 100;
const NO_CONTROL_CHARACTERS = /^[^\p{Cc}]*$/u;

export type PasswordMode = "user-controlled" | "automatic";

/** YesCart: customers choose passwords only where the form has both a password and a confirmPassword field. */
export function passwordMode(attributes: Pick<FormAttribute, "valueKind">[]): PasswordMode {
  const kinds = new Set(attributes.map((attribute) => attribute.valueKind));
  return kinds.has("password") && kinds.has("confirmPassword") ? "user-controlled" : "automatic";
}

export const emailField = z
  .string()
  .trim()
  .min(1, "Enter your e-mail address.")
  .max(EMAIL_MAX, `Use at most ${EMAIL_MAX} characters.`)
  .pipe(z.email("Enter a valid e-mail address, like name@example.com."))
  .transform((email) => email.toLowerCase());

function textField(attribute: FormAttribute) {
  let field = z
    .string()
    .trim()
    .max(TEXT_MAX, `Use at most ${TEXT_MAX} characters.`)
    .regex(NO_CONTROL_CHARACTERS, "Remove the control characters.");
  if (attribute.required) field = field.min(1, `Enter your ${attribute.label.toLowerCase()}.`);
  if (attribute.regex) {
    const pattern = new RegExp(attribute.regex);
    return field.refine((value) => value === "" || pattern.test(value), attribute.regexMessage || "Check this value.");
  }
  return field;
}

function fieldFor(attribute: FormAttribute) {
  switch (attribute.valueKind) {
    case "email":
      return emailField;
    case "password":
      return z.string().min(1, "Choose a password.").max(PASSWORD_MAX, `Use at most ${PASSWORD_MAX} characters.`);
    case "confirmPassword":
      return z.string().min(1, "Enter the password again.").max(PASSWORD_MAX, `Use at most ${PASSWORD_MAX} characters.`);
    default:
      return textField(attribute);
  }
}

/** One zod schema for the browser (react-hook-form) and the server (safeParse), keyed by attribute code. */
export function registrationSchema(attributes: FormAttribute[]) {
  // A missing or non-text value counts as empty, so it gets the field's own "enter your …" message.
  const asText = (value: unknown) => (typeof value === "string" ? value : "");
  const shape = Object.fromEntries(
    attributes.map((attribute) => [attribute.code, z.preprocess(asText, fieldFor(attribute))]),
  );
  const codeOf = (kind: ValueKind) => attributes.find((attribute) => attribute.valueKind === kind);
  const email = codeOf("email");
  const password = codeOf("password");
  const confirm = codeOf("confirmPassword");
  return z.object(shape).superRefine((values, ctx) => {
    if (!password || typeof values[password.code] !== "string" || values[password.code] === "") return;
    const chosen = values[password.code] as string;
    const problem = passwordProblem(chosen, email ? String(values[email.code] ?? "") : "", password);
    if (problem) ctx.addIssue({ code: "custom", path: [password.code], message: problem });
    if (confirm && values[confirm.code] !== "" && values[confirm.code] !== chosen) {
      ctx.addIssue({ code: "custom", path: [confirm.code], message: "The passwords do not match." });
    }
  });
}

export type RegistrationValues = Record<string, string>;

/** Field errors keyed by attribute code, every message kept (not only the first). */
export type FieldErrors = Record<string, string[]>;
