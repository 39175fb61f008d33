import { createTranslator } from "next-intl";
import { describe, expect, it } from "vitest";
import { inEnglish } from "@/i18n/english";
import { messageCode } from "@/i18n/message-code";
import de from "@/messages/de/passwords.json";
import en from "@/messages/en/passwords.json";
import ru from "@/messages/ru/passwords.json";
import uk from "@/messages/uk/passwords.json";
import { passwordMessageInEnglish } from "./english";
import { passwordProblems } from "./policy";
import { brokenPasswordRules, passwordRules, type PasswordPolicy } from "./rules";
import { passwordMessageCode, readPasswordMessageCode, wordPasswordMessage, wordPasswordText } from "./words";

/** A language's translator that fails the test on a missing or broken message instead of showing its key. */
const translator = (locale: "en" | "de" | "ru" | "uk", passwords: typeof en) =>
  createTranslator({
    locale,
    messages: { passwords },
    namespace: "passwords",
    onError: (error) => {
      throw error;
    },
  });
const languages = { en: translator("en", en), de: translator("de", de), ru: translator("ru", ru), uk: translator("uk", uk) };

const MANAGER_DEFAULT = { regex: "(?=.*[0-9])(?=.*[a-z])(?=.*[A-Z])(?=.*[@#$%^&+=])(?=\\S+$).{8,}" };
const rules = (policy: PasswordPolicy, language: keyof typeof languages) => passwordRules(policy).map((rule) => wordPasswordText(languages[language], rule.text));
const failures = (password: string, policy: PasswordPolicy, language: keyof typeof languages) =>
  brokenPasswordRules(password, "", policy).map((failure) => wordPasswordText(languages[language], failure));

describe("password rules in each language", () => {
  it("decline a class of characters as each sentence needs it", () => {
    expect(rules(MANAGER_DEFAULT, "ru").slice(0, 6)).toEqual([
      "Не менее 8 символов (не более 128)",
      "Цифра",
      "Строчная буква",
      "Заглавная буква",
      "Один из символов @#$%^&+=",
      "Без пробелов",
    ]);
    expect(failures("tulip#garden", MANAGER_DEFAULT, "ru")).toEqual(["Добавьте цифру.", "Добавьте заглавную букву."]);
    expect(failures("tulip#garden", MANAGER_DEFAULT, "uk")).toEqual(["Додайте цифру.", "Додайте велику літеру."]);
    expect(failures("tulip#garden", MANAGER_DEFAULT, "de")).toEqual(["Fügen Sie eine Ziffer hinzu.", "Fügen Sie einen Großbuchstaben hinzu."]);
  });

  it("agree a counted class with its number", () => {
    const atLeast = (count: number) => ({ regex: `^(?=(?:.*\\d){${count}}).*$` });
    expect([2, 5, 21].map((count) => rules(atLeast(count), "ru")[1])).toEqual(["Не менее 2 цифр", "Не менее 5 цифр", "Не менее 21 цифры"]);
    expect([2, 5, 21].map((count) => rules(atLeast(count), "uk")[1])).toEqual(["Щонайменше 2 цифри", "Щонайменше 5 цифр", "Щонайменше 21 цифра"]);
    expect([2, 5].map((count) => rules(atLeast(count), "de")[1])).toEqual(["Mindestens 2 Ziffern", "Mindestens 5 Ziffern"]);
    expect(failures("ab", { regex: "^.{21,}$" }, "ru")).toEqual(["Используйте не менее 21 символа."]);
  });

  it("list several classes with the language's own words, and what a character must not be", () => {
    expect(rules({ regex: "^[A-Za-z0-9@#]{8,}$" }, "de")[1]).toBe("Nur Buchstaben, Ziffern und Zeichen aus @#");
    expect(rules({ regex: "(?=.*[^A-Za-z0-9])" }, "ru")[1]).toBe("Символ, отличный от буквы или цифры");
    expect(rules({ regex: "(?=(?:.*[^A-Za-z]){2})" }, "uk")[1]).toBe("Щонайменше 2 символи, відмінні від літер");
  });

  it("word every sentence of every policy in every language, and keep a shop's own message as it is", () => {
    const policies: PasswordPolicy[] = [
      {},
      MANAGER_DEFAULT,
      { regex: "^(?=(?:.*[A-Za-z0-9_@]){2})(?!.*[!?])(?=.*[^\\s])(?!.*\\s)[\\w@ ]{10,64}$" },
      { regex: "(?=(?:.*[^@#_]){3})(?!.*[^a-z@])(?=.*@)(?!.*(.)\\1)" },
      { regex: "^(?=.*\\d)(?!.*(.)\\1).*$", regexMessage: "Kein Zeichen zweimal hintereinander." },
    ];
    for (const [language, t] of Object.entries(languages)) {
      for (const policy of policies) {
        for (const rule of passwordRules(policy)) expect(wordPasswordText(t, rule.text), language).not.toMatch(/^passwords\.|\{/);
        for (const failure of brokenPasswordRules("", "", policy, () => true)) expect(wordPasswordText(t, failure), language).not.toMatch(/^passwords\.|\{/);
      }
      expect(rules(policies[4], language as keyof typeof languages)).toContain("Kein Zeichen zweimal hintereinander.");
    }
  });
});

describe("password failures as form errors", () => {
  const policy = { regex: "^(?=.*[A-Za-z])(?=.*[0-9]).*$" };

  it("travel as codes that come back whole; a shop's own message stays its text", () => {
    for (const failure of brokenPasswordRules("short", "", policy)) expect(readPasswordMessageCode(passwordMessageCode(failure))).toEqual(failure);
    expect(passwordProblems("plumtreeorchardview", "", { ...policy, regexMessage: "Use a letter and a digit." })).toEqual(["Use a letter and a digit."]);
  });

  it("are worded in the reader's language where shown, other messages left as they are", () => {
    const [code] = passwordProblems("plumtreeorchard", "", policy);
    expect(wordPasswordMessage(languages.ru, code)).toBe("Добавьте цифру.");
    expect(wordPasswordMessage(languages.ru, messageCode("passwordsDiffer"))).toBe(messageCode("passwordsDiffer"));
    expect(wordPasswordMessage(languages.ru, "A shop's own message.")).toBe("A shop's own message.");
  });

  it("are English on the command line, as validation codes are", () => {
    const [code] = passwordProblems("plumtreeorchard", "", policy);
    expect(passwordMessageInEnglish(code)).toBe("Add a digit.");
    expect(inEnglish(code)).toBe("Add a digit.");
    expect(inEnglish(messageCode("passwordsDiffer"))).toBe("The passwords do not match.");
  });

  it("read nothing into text that is not a well-formed code", () => {
    for (const message of ["password:", "password:{", 'password:{"key":"rules.nope"}', 'password:{"key":"rules.only","set":{"classes":["emoji"],"characters":"","negated":false}}', "Add a digit."]) {
      expect(readPasswordMessageCode(message)).toBeNull();
    }
  });
});
