import { describe, expect, it } from "vitest";
import { isCommonPassword } from "./common";
import { passwordTextInEnglish as english } from "./english";
import { passwordRuleChecks, passwordRules, type PasswordPolicy } from "./rules";

const DEMO = { regex: "^(?=.*[A-Za-z])(?=.*[0-9]).*$", regexMessage: "Use at least one letter and one digit." };
const RANGE = { regex: "^(?=.*[A-Z]).{10,12}$", regexMessage: null };

const ticks = (password: string, policy: PasswordPolicy, email = "ada@example.com", isCommon = isCommonPassword) =>
  Object.fromEntries(passwordRuleChecks(password, email, policy, isCommon).map((check) => [english(check.text), check.met]));

describe("password rules ticked while typing", () => {
  it("lists the same rules as the hint, in the same order", () => {
    for (const policy of [{}, DEMO, RANGE]) {
      expect(passwordRuleChecks("x", "", policy).map((check) => check.text)).toEqual(passwordRules(policy).map((rule) => rule.text));
    }
  });

  it("ticks nothing before anything is typed", () => {
    expect(Object.values(ticks("", DEMO))).toEqual([false, false, false, false, false]);
  });

  it("ticks each rule of the Demo Shop's policy as it is met", () => {
    expect(ticks("abc", DEMO)).toEqual({
      "At least 8 characters (at most 128)": false,
      "A letter": true,
      "A digit": false,
      "Not a commonly used password": true,
      "Not your e-mail address": true,
    });
    expect(ticks("plumtree42", DEMO)).toEqual({
      "At least 8 characters (at most 128)": true,
      "A letter": true,
      "A digit": true,
      "Not a commonly used password": true,
      "Not your e-mail address": true,
    });
  });

  it("does not tick a common password or the e-mail address", () => {
    expect(ticks("password1", DEMO)["Not a commonly used password"]).toBe(false);
    expect(ticks("Ada@Example.com", {})["Not your e-mail address"]).toBe(false);
  });

  it("leaves the common-password rule open where the list is not at hand", () => {
    const checks = passwordRuleChecks("plumtree42", "", DEMO);
    expect(checks.find((check) => english(check.text) === "Not a commonly used password")?.met).toBeNull();
  });

  it("meets the length rule only within both bounds", () => {
    expect(ticks("ABCDEFGHI", RANGE)["At least 10 characters (at most 12)"]).toBe(false);
    expect(ticks("ABCDEFGHIJ", RANGE)["At least 10 characters (at most 12)"]).toBe(true);
    expect(ticks("ABCDEFGHIJKLM", RANGE)["At least 10 characters (at most 12)"]).toBe(false);
    expect(ticks("x".repeat(129), {})["At least 8 characters (at most 128)"]).toBe(false);
  });

  it("does not run a regex part on an overlong password", () => {
    expect(ticks(`${"a".repeat(200)}1`, DEMO)["A digit"]).toBe(false);
  });

  it("ticks a pattern it cannot put in words by its message", () => {
    const policy = { regex: "^(a|b)+1$", regexMessage: "Only a and b, then a 1." };
    expect(ticks("abab", policy)["Only a and b, then a 1."]).toBe(false);
    expect(ticks("abab1", policy)["Only a and b, then a 1."]).toBe(true);
  });
});
