import { z } from "zod";
import { messageCode } from "@/i18n/message-code";
import { passwordProblems, PASSWORD_MAX, type CommonPasswordCheck, type PasswordPolicy } from "../passwords/policy";
import { problemCode } from "./settings-messages";

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
/** Something@something.something, without spaces or characters that have no place in an address. */
const EMAIL_SHAPE = /^[^\s@<>()[\]\\,;:"]+@[^\s@<>()[\]\\,;:".]+(\.[^\s@<>()[\]\\,;:".]+)+$/;
export const TEXT_MAX = 100;
const NO_CONTROL_CHARACTERS = /^[^\p{Cc}]*$/u;

/** The longest value of each kind, which a definition's validation pattern is checked against on save. */
export const valueKindMaxLength: Record<ValueKind, number> = {
  email: EMAIL_MAX,
  text: TEXT_MAX,
  phone: TEXT_MAX,
  password: PASSWORD_MAX,
  confirmPassword: PASSWORD_MAX,
};

export type PasswordMode = "user-controlled" | "automatic";

/** YesCart: customers choose passwords only where the form has both a password and a confirmPassword field. */
export function passwordMode(attributes: Pick<FormAttribute, "valueKind">[]): PasswordMode {
  const kinds = new Set(attributes.map((attribute) => attribute.valueKind));
  return kinds.has("password") && kinds.has("confirmPassword") ? "user-controlled" : "automatic";
}

/** Problem codes (./settings-messages.ts), worded by the Settings pages that show them. */
export const formRuleMessages = {
  email: (count: number) => (count === 0 ? problemCode("formNoEmail") : problemCode("formEmails", { count })),
  passwordPair: problemCode("formPasswordPair"),
  passwordTwice: problemCode("formPasswordTwice"),
} as const;

/** SPEC §4's rules of a registration form's value kinds: exactly one `email`; `password` and `confirmPassword` together or not at all. */
export function formKindProblems(kinds: ValueKind[]): string[] {
  const count = (kind: ValueKind) => kinds.filter((candidate) => candidate === kind).length;
  const problems: string[] = [];
  if (count("email") !== 1) problems.push(formRuleMessages.email(count("email")));
  if (count("password") > 1 || count("confirmPassword") > 1) problems.push(formRuleMessages.passwordTwice);
  else if (count("password") !== count("confirmPassword")) problems.push(formRuleMessages.passwordPair);
  return problems;
}

/** A definition's validation pattern, tested only on values short enough for the pattern's check on save. */
function matchesPattern(attribute: FormAttribute, maxLength: number): (value: string) => boolean {
  const pattern = attribute.regex ? new RegExp(attribute.regex) : null;
  return (value) => !pattern || value === "" || (value.length <= maxLength && pattern.test(value));
}

/** Message codes (lib/i18n/message-code.ts): the form that shows one words it in the shopper's language. */
export const emailMessages = {
  empty: messageCode("emailEmpty"),
  tooLong: messageCode("emailTooLong", { max: EMAIL_MAX }),
  invisible: messageCode("emailInvisible"),
  mixedScripts: messageCode("emailMixedScripts"),
  shape: messageCode("emailShape"),
} as const;

/**
 * Characters that show nothing or reorder what is shown: controls (Cc), format characters (Cf: zero-width
 * spaces and joiners, bidi marks, embeddings, overrides and isolates, the BOM, the soft hyphen …) and the rest of
 * Unicode's default-ignorable code points (variation selectors, Hangul fillers, the combining grapheme joiner).
 */
const INVISIBLE = /[\p{Cc}\p{Cf}\p{Default_Ignorable_Code_Point}]/u;

/** The scripts a look-alike letter is taken from, and the writing systems a letter is told apart by. */
const SCRIPTS = [
  "Latin", "Cyrillic", "Greek", "Armenian", "Georgian", "Cherokee", "Hebrew", "Arabic", "Syriac", "Thaana",
  "Devanagari", "Bengali", "Gurmukhi", "Gujarati", "Oriya", "Tamil", "Telugu", "Kannada", "Malayalam", "Sinhala",
  "Thai", "Lao", "Tibetan", "Myanmar", "Khmer", "Mongolian", "Ethiopic", "Canadian_Aboriginal", "Tifinagh", "Coptic",
  "Han", "Hiragana", "Katakana", "Hangul", "Bopomofo",
].map((script) => ({ script, letter: new RegExp(`\\p{Script=${script}}`, "u") }));

/** Scripts written together (UTS #39 "highly restrictive"): Japanese, Chinese and Korean each with Latin. */
const WRITTEN_TOGETHER = [
  ["Latin", "Han", "Hiragana", "Katakana"],
  ["Latin", "Han", "Bopomofo"],
  ["Latin", "Han", "Hangul"],
];

/** The scripts of the letters of one part of an address; digits, punctuation and marks belong to none. */
function scriptsOf(part: string): Set<string> {
  const scripts = new Set<string>();
  for (const character of part) {
    if (!/\p{L}/u.test(character)) continue;
    scripts.add(SCRIPTS.find(({ letter }) => letter.test(character))?.script ?? "Other");
  }
  return scripts;
}

function singleScript(part: string): boolean {
  const scripts = [...scriptsOf(part)];
  return scripts.length <= 1 || WRITTEN_TOGETHER.some((group) => scripts.every((script) => group.includes(script)));
}

/**
 * Neither the local part nor any label of the domain mixes alphabets: `аlice` with a Cyrillic а is refused,
 * while a wholly Cyrillic (or Greek, Arabic, …) address such as `иван@пример.рф` is a real internationalised one.
 */
function oneScriptPerPart(email: string): boolean {
  const at = email.lastIndexOf("@");
  const parts = [email.slice(0, at), ...email.slice(at + 1).split(".")];
  return parts.every(singleScript);
}

/** An e-mail as it is compared and stored: Unicode NFKC, so full-width `ａlice` is `alice`. */
export function normaliseEmail(value: string): string {
  return value.normalize("NFKC");
}

/**
 * NFKC first, so compatibility look-alikes become the letters they stand for; then invisible and bidi characters
 * and mixed-script parts are refused (they would make a second account that looks like the first); then the
 * shape, lower-cased.
 */
export const emailField = z
  .string()
  .transform(normaliseEmail)
  .pipe(
    z
      .string()
      .trim()
      .min(1, emailMessages.empty)
      .max(EMAIL_MAX, emailMessages.tooLong)
      .refine((email) => !INVISIBLE.test(email), { message: emailMessages.invisible, abort: true })
      .regex(EMAIL_SHAPE, emailMessages.shape)
      .refine(oneScriptPerPart, emailMessages.mixedScripts),
  )
  .transform((email) => email.toLowerCase());

function textField(attribute: FormAttribute) {
  let field = z
    .string()
    .trim()
    .max(TEXT_MAX, messageCode("tooLong", { max: TEXT_MAX }))
    .regex(NO_CONTROL_CHARACTERS, controlCharactersMessage);
  if (attribute.required) field = field.min(1, messageCode("enterField", { field: attribute.label.toLowerCase() }));
  if (attribute.regex) return field.refine(matchesPattern(attribute, TEXT_MAX), attribute.regexMessage || messageCode("checkValue"));
  return field;
}

export const controlCharactersMessage = messageCode("controlCharacters");

/** A new password: no control characters (a NUL, a newline), which no keyboard types into a password field. */
export const newPasswordField = (empty: string) =>
  z.string().min(1, empty).max(PASSWORD_MAX, messageCode("tooLong", { max: PASSWORD_MAX })).regex(NO_CONTROL_CHARACTERS, controlCharactersMessage);
const passwordField = newPasswordField(messageCode("choosePassword"));
const confirmField = newPasswordField(messageCode("enterPasswordAgain"));

function fieldFor(attribute: FormAttribute) {
  switch (attribute.valueKind) {
    case "email":
      return attribute.regex
        ? emailField.refine(matchesPattern(attribute, EMAIL_MAX), attribute.regexMessage || messageCode("emailCheck"))
        : emailField;
    case "password":
      return passwordField;
    case "confirmPassword":
      return confirmField;
    default:
      return textField(attribute);
  }
}

type NewPassword = {
  password: { path: string; value: unknown };
  confirm?: { path: string; value: unknown };
  email: string;
  policy: PasswordPolicy;
  isCommon?: CommonPasswordCheck;
};

/** The rules of a newly chosen password and its confirmation, as issues on the form's own fields. */
function checkNewPassword(ctx: z.RefinementCtx, { password, confirm, email, policy, isCommon }: NewPassword): void {
  if (typeof password.value !== "string" || password.value === "") return;
  for (const problem of passwordProblems(password.value, email, policy, isCommon)) {
    ctx.addIssue({ code: "custom", path: [password.path], message: problem });
  }
  if (confirm && confirm.value !== "" && confirm.value !== password.value) {
    ctx.addIssue({ code: "custom", path: [confirm.path], message: messageCode("passwordsDiffer") });
  }
}

/** The reset and set-password forms: "New password" and "Confirm password" under a shop's password policy. */
export function newPasswordSchema(policy: PasswordPolicy, email: string, isCommon?: CommonPasswordCheck) {
  return z
    .object({ password: passwordField, confirmPassword: confirmField })
    .superRefine((values, ctx) =>
      checkNewPassword(ctx, {
        password: { path: "password", value: values.password },
        confirm: { path: "confirmPassword", value: values.confirmPassword },
        email,
        policy,
        isCommon,
      }),
    );
}

/** One zod schema for the browser (react-hook-form) and the server (safeParse), keyed by attribute code. */
export function registrationSchema(attributes: FormAttribute[], isCommon?: CommonPasswordCheck) {
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
    if (!password) return;
    checkNewPassword(ctx, {
      password: { path: password.code, value: values[password.code] },
      confirm: confirm ? { path: confirm.code, value: values[confirm.code] } : undefined,
      email: email ? String(values[email.code] ?? "") : "",
      policy: password,
      isCommon,
    });
  });
}

export type RegistrationValues = Record<string, string>;

/** Field errors keyed by attribute code, every message kept (not only the first). */
export type FieldErrors = Record<string, string[]>;

/**
 * A form's parsed values as a customer's columns: the e-mail (by value kind), first and last name (by code), and
 * every other attribute except passwords, which belong in `customers.attributes`.
 */
export function customerFields(
  attributes: FormAttribute[],
  values: Record<string, string>,
): { email: string; firstName: string; lastName: string; attributes: Record<string, string> } {
  const columns = ["firstName", "lastName"];
  const stored = (attribute: FormAttribute) =>
    !["email", "password", "confirmPassword"].includes(attribute.valueKind) && !columns.includes(attribute.code);
  return {
    email: values[attributes.find((attribute) => attribute.valueKind === "email")?.code ?? ""] ?? "",
    firstName: values.firstName ?? "",
    lastName: values.lastName ?? "",
    attributes: Object.fromEntries(attributes.filter(stored).map((attribute) => [attribute.code, values[attribute.code] ?? ""])),
  };
}
