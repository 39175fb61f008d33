import { describe, expect, it } from "vitest";
import validation from "@/messages/en/validation.json";
import { emailField, registrationSchema } from "@/lib/shops/registration-form";
import { problemCode } from "@/lib/shops/settings-messages";
import { staffProblemCode, roleNames } from "@/lib/staff/staff-messages";
import { backOfficeCode } from "./back-office-code";
import { inEnglish } from "./english";
import { codeOf, messageCode, nested, readCode } from "./message-code";

describe("messages as codes", () => {
  it("carry their area, key and values, and come back whole", () => {
    expect(readCode(messageCode("tooLong", { max: 254 }))).toEqual({ area: "validation", key: "tooLong", values: { max: 254 } });
    expect(readCode(messageCode("emailShape"))).toEqual({ area: "validation", key: "emailShape" });
    expect(readCode(backOfficeCode("office", "typeNotOffered"))).toEqual({ area: "office", key: "formErrors.typeNotOffered" });
    expect(readCode(problemCode("hostTaken", { host: "a.example", shopName: "Demo {Shop}" }))).toEqual({
      area: "settings",
      key: "problems.hostTaken",
      values: { host: "a.example", shopName: "Demo {Shop}" },
    });
  });

  it("leave any other text alone", () => {
    for (const text of ["Use letters only, please.", "localhost:3000", "validation:tooLong{not json", "validation:tooLong[1]", ""]) {
      expect(readCode(text) === null || inEnglish(text) === text).toBe(true);
      expect(inEnglish(text)).toBe(text);
    }
    // A well-formed code of no message in the catalogue stays as it is.
    expect(inEnglish(codeOf("settings", "problems.noSuchProblem"))).toBe("settings:problems.noSuchProblem");
  });

  it("are worded in English where there is no reader's language, from any area", () => {
    expect(inEnglish(messageCode("enterField", { field: "company" }))).toBe("Enter your company.");
    expect(inEnglish(backOfficeCode("console", "currentPasswordWrong"))).toBe("Your current password is not correct.");
    expect(inEnglish(backOfficeCode("office", "contactExists"))).toBe("A contact with this e-mail address already exists in this shop.");
    expect(inEnglish(problemCode("hostTaken", { host: "a.example", shopName: "Demo {Shop}" }))).toBe("a.example is already used by Demo {Shop}.");
    expect(emailField.safeParse("not an address").error?.issues.map((issue) => inEnglish(issue.message))).toEqual([
      "Enter a valid e-mail address, like name@example.com.",
    ]);
  });

  it("word nested messages (roles, a rule) but never a value a person typed, even one shaped like a code", () => {
    expect(inEnglish(staffProblemCode("grant", { roles: roleNames(["shop_admin", "user_manager"]) }))).toMatch(/Shop administrator, User manager/);
    expect(inEnglish(problemCode("formDuplicate", { label: problemCode("retry") }))).toBe(`${problemCode("retry")} is in the form twice.`);
    expect(inEnglish(problemCode("attributeBreaksForm", { form: "Demo · B2C", problem: nested(problemCode("retry")) }))).not.toContain("settings:");
  });

  it("are what the shared schemas give, so the browser and the server refuse alike and the page words it", () => {
    const schema = registrationSchema([{ code: "company", label: "Company", valueKind: "text", required: true, regex: null, regexMessage: null }]);
    expect(schema.safeParse({ company: "" }).error?.issues.map((issue) => issue.message)).toEqual([messageCode("enterField", { field: "company" })]);
  });

  it("validation messages hold plain {name} placeholders only", () => {
    const complex = Object.entries(validation).filter(([, text]) => /\{\w+,/.test(text));
    expect(complex).toEqual([]);
  });
});
