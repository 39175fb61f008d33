import { createTranslator } from "next-intl";
import { describe, expect, it } from "vitest";
import passwords from "@/messages/en/passwords.json";
import { isCommonPassword } from "./common";
import { isAcceptablePassword } from "./policy";
import { brokenPasswordRules, passwordRules, type CommonPasswordCheck, type PasswordPolicy, type PasswordText } from "./rules";
import { wordPasswordText } from "./words";

const MANAGER_DEFAULT = "(?=.*[0-9])(?=.*[a-z])(?=.*[A-Z])(?=.*[@#$%^&+=])(?=\\S+$).{8,}";
const DEMO = { regex: "^(?=.*[A-Za-z])(?=.*[0-9]).*$", regexMessage: "Use at least one letter and one digit." };
const LONG = { regex: "^.{14,}$", regexMessage: "Use at least 14 characters." };

/** The rules and failures as an English reader sees them (the catalogue's English, as next-intl words it). */
const t = createTranslator({ locale: "en", messages: { passwords }, namespace: "passwords" });
const english = (text: PasswordText) => wordPasswordText(t, text);
const texts = (policy: PasswordPolicy) => passwordRules(policy).map((rule) => english(rule.text));

/** Every failure in English, as one message, or null when the password is acceptable. */
function passwordProblem(password: string, email: string, policy: PasswordPolicy, isCommon?: CommonPasswordCheck): string | null {
  const broken = brokenPasswordRules(password, email, policy, isCommon);
  return broken.length > 0 ? broken.map(english).join(" ") : null;
}

describe("password rules in words", () => {
  it("lists the base rules of SPEC §7 without a regex", () => {
    expect(texts({})).toEqual(["At least 8 characters (at most 128)", "Not a commonly used password", "Not your e-mail address"]);
  });

  it("describes each look-ahead of MANAGER_PASSWORD_REGEX's default", () => {
    expect(texts({ regex: MANAGER_DEFAULT })).toEqual([
      "At least 8 characters (at most 128)",
      "A digit",
      "A lower-case letter",
      "An upper-case letter",
      "One of @#$%^&+=",
      "No spaces",
      "Not a commonly used password",
      "Not your e-mail address",
    ]);
  });

  it("describes the Demo Shop's letter-and-digit pattern and a longer minimum", () => {
    expect(texts(DEMO)).toEqual(["At least 8 characters (at most 128)", "A letter", "A digit", "Not a commonly used password", "Not your e-mail address"]);
    expect(texts(LONG)[0]).toBe("At least 14 characters (at most 128)");
    expect(texts({ regex: "(?=.*[0-9])(?=.*[a-z])(?=.*[A-Z])(?=.*[@#$%^&+=])(?=\\S+$).{10,}" })[0]).toBe("At least 10 characters (at most 128)");
  });

  it.each([
    ["^(?=.*[A-Z])(?=.*[^A-Za-z0-9]).{10,64}$", ["At least 10 characters (at most 64)", "An upper-case letter", "A character other than a letter or a digit"]],
    ["^(?=(?:.*\\d){2})(?=.*?[a-z]).{8,}$", ["At least 8 characters (at most 128)", "At least 2 digits", "A lower-case letter"]],
    ["^[A-Za-z0-9@#$%^&+=]{16,}$", ["At least 16 characters (at most 128)", "Only letters, digits and the characters @#$%^&+="]],
    ["(?!.*\\s)(?=.*_)", ["At least 8 characters (at most 128)", "No spaces", "An underscore"]],
    ["^\\S+$", ["At least 8 characters (at most 128)", "No spaces"]],
    ["(?=.*[@#$%^&+=])(?!.*password)", ["At least 8 characters (at most 128)", "One of @#$%^&+=", "Matches the pattern (?!.*password)"]],
    ["[A-Z].*[0-9]|[0-9].*[A-Z]", ["At least 8 characters (at most 128)", "Matches the pattern [A-Z].*[0-9]|[0-9].*[A-Z]"]],
  ])("describes %s", (regex, expected) => {
    expect(texts({ regex }).slice(0, -2)).toEqual(expected);
  });

  it("falls back to the definition's pattern message for a part it cannot read", () => {
    expect(texts({ regex: "^(?=.*\\d)(?!.*(.)\\1).*$", regexMessage: "No character twice in a row." })).toEqual([
      "At least 8 characters (at most 128)",
      "A digit",
      "No character twice in a row.",
      "Not a commonly used password",
      "Not your e-mail address",
    ]);
  });

  it("treats markup and odd input in a pattern as plain text", () => {
    expect(texts({ regex: "<script>" })).toContain("Matches the pattern <script>");
    expect(texts({ regex: "(" })).toContain("Matches the pattern (");
  });
});

describe("what a refusal says", () => {
  it("names the rules of the manager regex that a password breaks", () => {
    const policy = { regex: MANAGER_DEFAULT };
    expect(passwordProblem("Tulip#garden42", "", policy)).toBeNull();
    expect(passwordProblem("tulip#garden42", "", policy)).toBe("Add an upper-case letter.");
    expect(passwordProblem("plumtreeorchardview", "", policy)).toBe("Add a digit. Add an upper-case letter. Add one of @#$%^&+=.");
    expect(passwordProblem("Tulip# garden42", "", policy)).toBe("Remove the spaces.");
    expect(passwordProblem("Tu#1", "", policy)).toBe("Use at least 8 characters.");
    expect(passwordProblem("Tulip#gar1", "", { regex: MANAGER_DEFAULT.replace("{8,}", "{12,}") })).toBe("Use at least 12 characters.");
    expect(passwordProblem("tu#1", "", { regex: MANAGER_DEFAULT.replace("{8,}", "{12,}") })).toBe("Use at least 12 characters. Add an upper-case letter.");
  });

  it("says a shop pattern's own message when the pattern fails", () => {
    expect(passwordProblem("plumtreeorchardview", "", DEMO)).toBe("Use at least one letter and one digit.");
    expect(passwordProblem("plumtree7orchard", "", DEMO)).toBeNull();
    expect(passwordProblem("abcdefghijklm", "", LONG)).toBe("Use at least 14 characters.");
    expect(passwordProblem("abcdefghijklm", "", { ...LONG, regexMessage: "Fourteen, please." })).toBe("Fourteen, please.");
    expect(passwordProblem("abcdefghijklmn", "", LONG)).toBeNull();
  });

  it("keeps the base rules' messages and checks common passwords only where the list is", () => {
    expect(passwordProblem("ada@example.com", " ADA@example.com", {})).toBe("Your password must not be your e-mail address.");
    expect(passwordProblem("password1", "", DEMO, isCommonPassword)).toMatch(/too common/);
    expect(passwordProblem("password1", "", DEMO)).toBeNull();
  });

  it("never runs an admin's regex on an overlong password", () => {
    const slow = { regex: "^(a+)+$" };
    const started = performance.now();
    expect(passwordProblem(`${"a".repeat(200)}!`, "", slow)).toBe("Use at most 128 characters.");
    expect(performance.now() - started).toBeLessThan(50);
  });

  it("names a rule for a pattern without a message that it cannot read", () => {
    expect(passwordProblem("Abcdefgh", "", { regex: "[A-Z].*[0-9]|[0-9].*[A-Z]" })).toBe("Make it match the pattern [A-Z].*[0-9]|[0-9].*[A-Z].");
  });
});

/** A small seeded generator (mulberry32), so a failure can be replayed. */
function random(seed: number): () => number {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const ALPHABETS = ["abcxyz", "ABCXYZ", "0123456789", "@#$%^&+=", "!-_.", " ", "\t\n", "ä€"];

function randomPassword(next: () => number, { whitespace = true } = {}): string {
  const length = next() < 0.1 ? Math.floor(next() * 140) : Math.floor(next() * 20);
  const alphabets = ALPHABETS.filter((alphabet) => whitespace || !/\s/.test(alphabet)).filter(() => next() < 0.7);
  const all = alphabets.join("") || "a";
  return Array.from({ length }, () => all[Math.floor(next() * all.length)]).join("");
}

const POLICIES: PasswordPolicy[] = [
  {},
  { regex: MANAGER_DEFAULT },
  DEMO,
  LONG,
  { regex: "^(?=.*[A-Z])(?=.*[^A-Za-z0-9]).{10,64}$" },
  { regex: "^(?=(?:.*\\d){2})(?=.*[a-z]).{8,12}$" },
  { regex: "[A-Z].*[0-9]|[0-9].*[A-Z]" },
  { regex: "^\\S+$" },
  { regex: "^[A-Za-z0-9@#$%^&+=]{10,}$" },
  { regex: "(?=.*[@#$%^&+=])(?!.*password)(?!.*\\s)" },
  { regex: "\\d", regexMessage: "Add a digit, please." },
];

describe("rules against the policy itself (property)", () => {
  it.each(POLICIES.map((policy) => [policy.regex ?? "(no regex)", policy] as const))(
    "%s: no broken rule exactly when the password is acceptable",
    (_, policy) => {
      const next = random(42);
      const email = "ada@example.com";
      const pattern = policy.regex ? new RegExp(policy.regex) : null;
      for (let i = 0; i < 3000; i++) {
        const password = next() < 0.02 ? email : randomPassword(next);
        const acceptable =
          password.length >= 8 &&
          password.length <= 128 &&
          password.trim().toLowerCase() !== email &&
          (!pattern || pattern.test(password)) &&
          !isCommonPassword(password);
        const broken = brokenPasswordRules(password, email, policy, isCommonPassword);
        expect(broken.length === 0, JSON.stringify({ password, broken })).toBe(acceptable);
        expect(isAcceptablePassword(password, email, policy, isCommonPassword)).toBe(acceptable);
      }
    },
  );

  it("names exactly the character classes that a password lacks under the default manager regex", () => {
    const next = random(7);
    const lacks: [string, RegExp][] = [
      ["Add a digit.", /[0-9]/],
      ["Add a lower-case letter.", /[a-z]/],
      ["Add an upper-case letter.", /[A-Z]/],
      ["Add one of @#$%^&+=.", /[@#$%^&+=]/],
    ];
    for (let i = 0; i < 3000; i++) {
      const password = randomPassword(next, { whitespace: false });
      if (password.length < 8 || password.length > 128) continue;
      const broken = brokenPasswordRules(password, "", { regex: MANAGER_DEFAULT }).map(english);
      for (const [message, has] of lacks) expect(broken.includes(message), password).toBe(!has.test(password));
    }
  });
});
