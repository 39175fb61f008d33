import { describe, expect, it } from "vitest";
import { signInSchema as storefrontSignIn } from "@/app/(storefront)/login/schema";
import { signInSchema as staffSignIn } from "@/lib/staff/forms";
import { changePasswordSchema } from "@/lib/staff/forms";
import { controlCharactersMessage, emailField, emailMessages, newPasswordSchema, registrationSchema, type FormAttribute } from "./registration-form";
import { inEnglish } from "@/i18n/english";

const messagesFor = (value: string) => {
  const parsed = emailField.safeParse(value);
  return parsed.success ? [] : parsed.error.issues.map((issue) => issue.message);
};

describe("emailField: look-alike and invisible addresses (issue 10, defect 6)", () => {
  it.each([
    ["alice@demo.test", "alice@demo.test"],
    [" Alice@Demo.TEST ", "alice@demo.test"],
    ["o'brien+tag@example.co.uk", "o'brien+tag@example.co.uk"],
    ["иван@пример.рф", "иван@пример.рф"], // internationalised: one alphabet per part is fine
    ["Γιάννης@παράδειγμα.ελ", "γιάννης@παράδειγμα.ελ"],
    ["山田たろう@example.jp", "山田たろう@example.jp"], // Han with Hiragana: Japanese is written so
    ["alice2@xn--e1afmkfd.xn--p1ai", "alice2@xn--e1afmkfd.xn--p1ai"],
  ])("keeps %j as %j", (typed, stored) => {
    expect(emailField.parse(typed)).toBe(stored);
  });

  it.each([
    ["full-width ａ", "ａlice@demo.test"],
    ["full-width throughout", "ａｌｉｃｅ＠ｄｅｍｏ．ｔｅｓｔ"],
    ["mathematical bold", "𝐚lice@demo.test"],
    ["a leading byte-order mark", "\uFEFFalice@demo.test"],
  ])("normalises %s to the real address", (_, typed) => {
    expect(emailField.parse(typed)).toBe("alice@demo.test");
  });

  it.each([
    ["a zero-width space", "al\u200Bice@demo.test"],
    ["a zero-width joiner", "al\u200Dice@demo.test"],
    ["a right-to-left mark", "alice\u200F@demo.test"],
    ["a right-to-left override", "\u202Eecila@demo.test"],
    ["a left-to-right isolate", "al\u2066ice@demo.test"],
    ["a word joiner", "alice@demo\u2060.test"],
    ["a byte-order mark", "al\uFEFFice@demo.test"],
    ["a soft hyphen", "al\u00ADice@demo.test"],
    ["an Arabic letter mark", "alice@de\u061Cmo.test"],
    ["a variation selector", "alice\uFE0F@demo.test"],
    ["a Hangul filler", "alice\u3164@demo.test"],
    ["a NUL byte", "al\u0000ice@demo.test"],
  ])("refuses %s with one clear message", (_, typed) => {
    expect(messagesFor(typed)).toEqual([emailMessages.invisible]);
  });

  it.each([
    ["a Cyrillic а among Latin letters", "\u0430lice@demo.test"],
    ["a Cyrillic е in a name", "mik\u0435@demo.test"],
    ["a Greek ο among Latin letters", "b\u03BFb@demo.test"],
    ["a Latin o among Cyrillic letters", "ив\u006Fн@пример.рф"],
    ["an Armenian օ among Latin letters", "j\u0585hn@demo.test"],
    ["a Cyrillic а in a domain label", "alice@\u0430pple.com"],
  ])("refuses %s", (_, typed) => {
    expect(messagesFor(typed)).toEqual([emailMessages.mixedScripts]);
  });

  it("keeps one alphabet per label of the domain, not across the whole address", () => {
    expect(emailField.parse("alice@пример.com")).toBe("alice@пример.com");
  });

  it("applies the length limit after normalisation", () => {
    // U+FDFA is one character that NFKC turns into 18.
    const local = "\uFDFA".repeat(15);
    expect(local.length).toBe(15);
    expect(messagesFor(`${local}@demo.test`).map(inEnglish)).toContain(`Use at most 254 characters.`);
  });

  it("refuses look-alikes on a registration form too, as a field message", () => {
    const attributes: FormAttribute[] = [
      { code: "email", label: "Email", valueKind: "email", required: true, regex: null, regexMessage: null },
    ];
    const parsed = registrationSchema(attributes).safeParse({ email: "\u0430lice@demo.test" });
    expect(parsed.success).toBe(false);
    expect(parsed.error?.issues).toEqual([expect.objectContaining({ path: ["email"], message: emailMessages.mixedScripts })]);
    expect(registrationSchema(attributes).parse({ email: "ａlice@demo.test" })).toEqual({ email: "alice@demo.test" });
  });

  it.each([
    ["storefront", storefrontSignIn],
    ["back office", staffSignIn],
  ])("%s sign-in normalises a full-width address to the real one", (_, schema) => {
    expect(schema.parse({ email: "ａlice@demo.test", password: "x" }).email).toBe("alice@demo.test");
  });
});

describe("NUL bytes and control characters (issue 10, defect 5): refused by every field, with a message", () => {
  const policy = { regex: null, regexMessage: null };
  const nul = "Correct-horse\u0000-42";

  it("an e-mail with a NUL is an invisible character", () => {
    expect(emailField.safeParse("a\u0000b@example.com").error?.issues[0].message).toBe(emailMessages.invisible);
  });

  it("a new password with a NUL or a newline is refused on the reset, set-password and change-password forms", () => {
    for (const password of [nul, "Correct-horse\n-42"]) {
      const reset = newPasswordSchema(policy, "a@example.com").safeParse({ password, confirmPassword: password });
      expect(reset.error?.issues.map((issue) => issue.message)).toContain(controlCharactersMessage);
      const change = changePasswordSchema(policy, "a@example.com").safeParse({ currentPassword: "old", newPassword: password, confirmNewPassword: password });
      expect(change.error?.issues.map((issue) => issue.message)).toContain(controlCharactersMessage);
    }
  });

  it("a registration refuses a NUL in a text field and in its passwords", () => {
    const attributes: FormAttribute[] = [
      { code: "email", label: "Email", valueKind: "email", required: true, regex: null, regexMessage: null },
      { code: "firstName", label: "First name", valueKind: "text", required: true, regex: null, regexMessage: null },
      { code: "password", label: "Password", valueKind: "password", required: true, regex: null, regexMessage: null },
      { code: "confirmPassword", label: "Confirm password", valueKind: "confirmPassword", required: true, regex: null, regexMessage: null },
    ];
    const parsed = registrationSchema(attributes).safeParse({ email: "a@example.com", firstName: "A\u0000", password: nul, confirmPassword: nul });
    const paths = parsed.error?.issues.filter((issue) => issue.message === controlCharactersMessage).map((issue) => issue.path[0]);
    expect(paths).toEqual(expect.arrayContaining(["firstName", "password", "confirmPassword"]));
  });
});
