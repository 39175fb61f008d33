import { describe, it, expect } from "vitest";
import { inEnglish, resultInEnglish } from "@/i18n/english";
import { generatePassword } from "./hash";
import { checkPattern } from "./pattern-check";

const checkPasswordPattern = (pattern: string) => checkPattern(pattern, { generatedPasswords: true });

const MANAGER_DEFAULT = "(?=.*[0-9])(?=.*[a-z])(?=.*[A-Z])(?=.*[@#$%^&+=])(?=\\S+$).{8,}";

const REASONABLE = [
  MANAGER_DEFAULT,
  "^(?=.*[A-Za-z])(?=.*[0-9]).*$",
  ".{12,}",
  "^(?=.*[A-Z])(?=.*[^A-Za-z0-9]).{10,64}$",
  "\\d",
  "^(?=(?:.*\\d){2})(?=.*[a-z]).{8,128}$",
  "[A-Z].*[0-9]|[0-9].*[A-Z]",
  "^\\S+$",
  "^[A-Za-z0-9@#$%^&+=]{16,}$",
  "(?=.*[@#$%^&+=])(?!.*password)",
];

const HOSTILE = [
  "(a+)+$",
  "^(a|a)*$",
  "^(\\w+\\s?)*$",
  "(.*a){25}",
  "^([a-zA-Z0-9])(([\\-.]|[_]+)?([a-zA-Z0-9]+))*(@){1}[a-z0-9]+[.]{1}(([a-z]{2,3})|([a-z]{2,3}[.]{1}[a-z]{2,3}))$",
];

function timed<T>(run: () => T): { result: T; ms: number } {
  const started = performance.now();
  const result = run();
  return { result, ms: performance.now() - started };
}

describe("checkPattern", () => {
  it.each(REASONABLE)("accepts %s", (pattern) => {
    const { result, ms } = timed(() => checkPasswordPattern(pattern));
    expect(result).toEqual({ ok: true });
    expect(ms).toBeLessThan(1000);
  });

  it.each(["(", "[a-"])("refuses the invalid syntax %s with the engine's reason", (pattern) => {
    const verdict = checkPasswordPattern(pattern);
    expect(verdict.ok).toBe(false);
    if (!verdict.ok) expect(inEnglish(verdict.message)).toMatch(/^This is not a valid regular expression: \w/);
  });

  it("refuses empty, blank and overlong patterns", () => {
    for (const pattern of ["", "   ", "a".repeat(600)]) {
      expect(checkPasswordPattern(pattern).ok).toBe(false);
    }
  });

  it.each(HOSTILE)("refuses the catastrophic pattern %s within one second", (pattern) => {
    const { result, ms } = timed(() => checkPasswordPattern(pattern));
    expect(resultInEnglish(result)).toEqual({ ok: false, message: expect.stringContaining("catastrophic backtracking") });
    expect(ms).toBeLessThan(1000);
  });

  it.each(["^[a-z]+$", "^\\d{4}$"])("refuses %s, which generated passwords cannot satisfy", (pattern) => {
    expect(resultInEnglish(checkPasswordPattern(pattern))).toEqual({
      ok: false,
      message: expect.stringContaining("Generated passwords (16 characters"),
    });
  });

  it.each(REASONABLE)("generates passwords that match the accepted pattern %s", (pattern) => {
    const regex = new RegExp(pattern);
    for (let i = 0; i < 50; i++) expect(generatePassword({ regex: pattern })).toMatch(regex);
  });

  it("checks patterns of other values for syntax and stalls only, up to their own length", () => {
    const text = { generatedPasswords: false, maxLength: 100 };
    expect(checkPattern("^[0-9]+$", text)).toEqual({ ok: true });
    expect(checkPattern("^\\+?[0-9 ]{6,20}$", text)).toEqual({ ok: true });
    expect(resultInEnglish(checkPattern("(", text))).toMatchObject({ ok: false, message: expect.stringContaining("not a valid regular expression") });
    for (const pattern of HOSTILE) {
      expect(resultInEnglish(checkPattern(pattern, { generatedPasswords: false, maxLength: 254 }))).toMatchObject({
        ok: false,
        message: expect.stringContaining("catastrophic backtracking"),
      });
    }
  });
});
