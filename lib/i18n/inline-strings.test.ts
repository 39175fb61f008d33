import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { findInlineStrings, isLanguage } from "./inline-strings";

const root = path.resolve(import.meta.dirname, "../..");

/** Everything a shopper sees: the storefront's routes, the pages Next shows them, and the shared parts they use. */
const storefrontFiles = [
  ...readdirSync(path.join(root, "app/(storefront)"), { recursive: true, encoding: "utf8" })
    .filter((file) => /\.tsx?$/.test(file) && !file.endsWith(".test.ts"))
    .map((file) => path.join("app/(storefront)", file)),
  "app/not-found.tsx",
  "app/error.tsx",
  ...["form", "password-field", "password-checklist", "strength-meter", "new-password-form", "email-form", "signed-in-devices", "outcome-page", "notice", "pagination", "data-table", "confirm-dialog", "action-forms"].map(
    (name) => `components/${name}.tsx`,
  ),
];

describe("inline strings", () => {
  it("finds text, shown strings and visible props, and leaves keys, class names, codes and punctuation alone", () => {
    const source = `
      export function Page({ ok }: { ok: boolean }) {
        return (
          <section className="max-w-md space-y-6" aria-label="Account">
            <p>Hello there</p>
            <p>{ok ? "All done" : t("failed")}</p>
            <Field label={"Email"} autoComplete="new-password" placeholder="name@example.com" />
            <a href="/register" title={t("register")}>{t("createAccount")} ✓ — ; .</a>
          </section>
        );
      }
      const state = { formError: \`Please wait \${seconds} seconds.\` };
    `;
    expect(findInlineStrings("page.tsx", source).map(({ line, text }) => `${line}: ${text}`)).toEqual([
      "4: Account",
      "5: Hello there",
      "6: All done",
      "7: Email",
      "7: name@example.com",
      "12: Please wait   seconds.",
    ]);
    expect(["—", "✓", ";", "/forgot-password", "https://example.com/a", "user-controlled", "field-email"].filter(isLanguage)).toEqual([]);
  });

  it("none are left on the storefront: its words come from the catalogue (messages/en)", () => {
    const found = storefrontFiles.flatMap((file) => findInlineStrings(file, readFileSync(path.join(root, file), "utf8")));
    expect(found.map(({ file, line, text }) => `${file}:${line} ${text}`)).toEqual([]);
  });
});
