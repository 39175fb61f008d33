import { describe, expect, it } from "vitest";
import { inEnglish, resultInEnglish } from "@/i18n/english";
import { attributeMessages } from "./attributes";
import { formRuleMessages } from "./registration-form";
import { messages, shopFormSchema } from "./settings-forms";
import { problemCode } from "./settings-messages";

describe("Settings' problems as codes", () => {
  it("are worded in English as the pages said it before, typed values kept as they are", () => {
    expect(inEnglish(messages.hostTaken("a.example", "Demo {Shop}"))).toBe("a.example is already used by Demo {Shop}.");
    expect(inEnglish(messages.typeInUse(1))).toBe("A customer belongs to this type, so it cannot be removed. Turn off self-registration instead.");
    expect(inEnglish(messages.typeInUse(1234))).toMatch(/^1234 customers belong to this type/);
    expect(inEnglish(messages.noMarkup)).toBe("Leave out < and >: a name is plain text.");
    expect(inEnglish(attributeMessages.inUse(2))).toBe("This attribute is used by 2 registration forms. Remove it from those forms before deleting it.");
    expect(inEnglish(attributeMessages.breaksForm("Demo · B2C", formRuleMessages.passwordTwice))).toBe(
      "This value kind cannot be used while the Demo · B2C form uses this attribute: The form may hold only one password attribute and one confirm-password attribute.",
    );
    // Only the `problem` slot is a code: what a person typed is never worded as one.
    expect(inEnglish(messages.formDuplicate(problemCode("retry")))).toBe(`${problemCode("retry")} is in the form twice.`);
    expect(inEnglish("A message of another module.")).toBe("A message of another module.");
  });

  it("are what the shared schemas give, so the browser and the server refuse alike and the page words it", () => {
    const parsed = shopFormSchema.safeParse({ name: "", activationTtlHours: "0" });
    const issues = parsed.error?.issues ?? [];
    expect(issues.find((issue) => issue.path[0] === "name")?.message).toBe(problemCode("enterShopName"));
    expect(resultInEnglish(issues.find((issue) => issue.path[0] === "activationTtlHours")?.message)).toBe("Use between 1 and 720 hours.");
  });
});
