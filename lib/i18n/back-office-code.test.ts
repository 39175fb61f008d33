import { describe, expect, it } from "vitest";
import { createTranslator } from "next-intl";
import consoleMessages from "@/messages/en/console.json";
import officeMessages from "@/messages/en/office.json";
import { backOfficeCode, readBackOfficeCode } from "./back-office-code";
import { messageCode } from "./message-code";

describe("back-office form messages as codes", () => {
  it("carry their area and key, and come back whole", () => {
    expect(readBackOfficeCode(backOfficeCode("console", "samePassword"))).toEqual({ area: "console", key: "samePassword" });
    expect(readBackOfficeCode(backOfficeCode("office", "typeNotOffered"))).toEqual({ area: "office", key: "typeNotOffered" });
  });

  it("leave any other text alone, validation codes included", () => {
    expect(readBackOfficeCode("Choose a shop from the list.")).toBeNull();
    expect(readBackOfficeCode(messageCode("emailEmpty"))).toBeNull();
    expect(readBackOfficeCode("back-office:elsewhere.key")).toBeNull();
  });

  it("are worded from the catalogue in English as before", () => {
    const t = createTranslator({ locale: "en", messages: { console: consoleMessages, office: officeMessages } });
    const word = (message: string) => {
      const code = readBackOfficeCode(message)!;
      return t(`${code.area}.formErrors.${code.key}` as never);
    };
    expect(word(backOfficeCode("console", "currentPasswordWrong"))).toBe("Your current password is not correct.");
    expect(word(backOfficeCode("office", "contactExists"))).toBe("A contact with this e-mail address already exists in this shop.");
  });
});
