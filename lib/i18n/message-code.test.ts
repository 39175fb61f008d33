import { describe, expect, it } from "vitest";
import validation from "@/messages/en/validation.json";
import { emailField, registrationSchema } from "@/lib/shops/registration-form";
import { inEnglish } from "./english";
import { messageCode, readMessageCode } from "./message-code";

describe("validation messages as codes", () => {
  it("carry their key and values, and come back whole", () => {
    expect(readMessageCode(messageCode("tooLong", { max: 254 }))).toEqual({ key: "tooLong", values: { max: 254 } });
    expect(readMessageCode(messageCode("emailShape"))).toEqual({ key: "emailShape" });
    expect(readMessageCode("Use letters only, please.")).toBeNull();
  });

  it("are worded in English where there is no shopper's language; other text stays as it is", () => {
    expect(inEnglish(messageCode("enterField", { field: "company" }))).toBe("Enter your company.");
    expect(inEnglish("A shop's own pattern message.")).toBe("A shop's own pattern message.");
    expect(emailField.safeParse("not an address").error?.issues.map((issue) => inEnglish(issue.message))).toEqual([
      "Enter a valid e-mail address, like name@example.com.",
    ]);
  });

  it("are what the shared schemas give, so the browser and the server refuse alike and the page words it", () => {
    const schema = registrationSchema([{ code: "company", label: "Company", valueKind: "text", required: true, regex: null, regexMessage: null }]);
    expect(schema.safeParse({ company: "" }).error?.issues.map((issue) => issue.message)).toEqual([messageCode("enterField", { field: "company" })]);
  });

  it("hold plain {name} placeholders only, which inEnglish fills without a formatter", () => {
    const complex = Object.entries(validation).filter(([, text]) => /\{\w+,/.test(text));
    expect(complex).toEqual([]);
  });
});
