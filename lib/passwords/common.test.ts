import { describe, expect, it } from "vitest";
import { isCommonPassword } from "./common";
import { passwordMessageInEnglish } from "./english";
import { passwordProblems, TOO_COMMON, type CommonPasswordCheck, type PasswordPolicy } from "./policy";

/** The field errors a form shows, in English, as one message (null when there are none). */
function passwordProblem(password: string, email: string, policy: PasswordPolicy, isCommon?: CommonPasswordCheck): string | null {
  const problems = passwordProblems(password, email, policy, isCommon).map(passwordMessageInEnglish);
  return problems.length > 0 ? problems.join(" ") : null;
}

describe("common passwords", () => {
  it("knows well over ten thousand of them, in any letter case", () => {
    for (const password of ["password", "Password1", "QWERTY123", "iloveyou", "sunshine", "baseball1"]) {
      expect(isCommonPassword(password), password).toBe(true);
    }
    expect(isCommonPassword("Correct-horse-42-battery")).toBe(false);
  });

  it("is one of the base rules when the server checks", () => {
    expect(passwordProblem("password1", "", {}, isCommonPassword)).toBe(TOO_COMMON);
    expect(passwordProblem("password1", "", {})).toBeNull();
    expect(passwordProblem("ada@example.com", "Ada@Example.com", {}, isCommonPassword)).toMatch(/e-mail/);
    expect(passwordProblem("short", "", {}, isCommonPassword)).toMatch(/at least 8/);
    expect(passwordProblem("x".repeat(129), "", {}, isCommonPassword)).toMatch(/at most 128/);
  });
});
