import { readdirSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { createElement } from "react";
import { render } from "@react-email/render";
import { describe, expect, it } from "vitest";
import type { NotificationProps, NotificationType } from "../lib/mail/notifications";
import { notificationTypes } from "../lib/mail/notifications";
import ActivationSuccessful from "./activation-successful";
import BusinessUserAccountCreated from "./business-user-account-created";
import BusinessUserPasswordReset from "./business-user-password-reset";
import { renderNotification, templates, type Template } from "./render";
import ResetPasswordSuccessful from "./reset-password-successful";
import StorefrontAccountActivation from "./storefront-account-activation";
import StorefrontAccountExists from "./storefront-account-exists";
import StorefrontPasswordReset from "./storefront-password-reset";
import ClassicActivated from "./previews/activation-successful/classic-shop-generated-password";
import ClassicCallCentreReset from "./previews/reset-password-successful/classic-shop-call-centre";
import de from "../messages/de/emails.json";
import englishEmails from "../messages/en/emails.json";
import { flattenMessages } from "../i18n/flatten";
import ru from "../messages/ru/emails.json";
import uk from "../messages/uk/emails.json";

const catalogues = { de, ru, uk };

type Case<T extends NotificationType> = { props: NotificationProps[T]; subject: string; secrets: string[] };

const activation = StorefrontAccountActivation.PreviewProps;
const activated = ActivationSuccessful.PreviewProps;
const reset = StorefrontPasswordReset.PreviewProps;
const resetDone = ResetPasswordSuccessful.PreviewProps;
const exists = StorefrontAccountExists.PreviewProps;
const staffCreated = BusinessUserAccountCreated.PreviewProps;
const staffReset = BusinessUserPasswordReset.PreviewProps;
const classicActivated = ClassicActivated.PreviewProps;
const callCentreResetDone = ClassicCallCentreReset.PreviewProps;

const cases: { [T in NotificationType]: Case<T> } = {
  "storefront-account-activation": {
    props: activation,
    subject: "Demo Shop: Activate your account",
    secrets: [activation.link],
  },
  "activation-successful": {
    props: activated,
    subject: "Demo Shop: Activation was successful",
    secrets: [activated.link],
  },
  "storefront-password-reset": {
    props: reset,
    subject: "Demo Shop: Reset your password",
    secrets: [reset.link],
  },
  "reset-password-successful": {
    props: resetDone,
    subject: "Demo Shop: Reset Password Was Successful",
    secrets: [resetDone.link],
  },
  "storefront-account-exists": {
    props: exists,
    subject: "Demo Shop: You already have an account",
    secrets: [exists.link, exists.resetLink],
  },
  "business-user-account-created": {
    props: staffCreated,
    subject: "Storefront Accounts: Your back-office account",
    secrets: [staffCreated.link, staffCreated.password],
  },
  "business-user-password-reset": {
    props: staffReset,
    subject: "Storefront Accounts: Your back-office password was reset",
    secrets: [staffReset.link, staffReset.password],
  },
};

const callCentreWording = /at your request/i;

describe.each(notificationTypes)("%s", (type) => {
  const { props, subject, secrets } = cases[type];

  it("renders the subject, and the links and passwords in both HTML and text", async () => {
    const email = await renderNotification(type, props);

    expect(email.subject).toBe(subject);
    expect(email.html).toMatch(/^<!DOCTYPE html/);
    expect(email.text).not.toContain("<");
    for (const secret of secrets) {
      expect(email.html).toContain(secret);
      expect(email.text).toContain(secret);
    }
    expect(email.text).toContain(`Hello ${props.recipient.firstName},`);
    expect(email.text).toContain("You received this e-mail because");
  });

  it("escapes HTML in the recipient's name", async () => {
    const recipient = { ...props.recipient, firstName: "<script>alert(1)</script>" };
    const email = await renderNotification(type, { ...props, recipient });

    expect(email.html).toContain("Hello &lt;script&gt;alert(1)&lt;/script&gt;,");
    expect(email.html).not.toContain("<script");
    expect(email.text).toContain("Hello <script>alert(1)</script>,");
  });

  it('greets with "Hello," when there is no first name', async () => {
    const email = await renderNotification(type, { ...props, recipient: { ...props.recipient, firstName: " " } });

    expect(email.text).toMatch(/^Hello,$/m);
  });
});

describe("storefront-account-activation", () => {
  it("states the expiry in UTC", async () => {
    const { text } = await renderNotification("storefront-account-activation", activation);

    expect(text).toContain("This link expires on 15 March 2026 at 14:30 UTC.");
  });

  it("says a password will be asked for only when one must be set", async () => {
    const asking = await renderNotification("storefront-account-activation", { ...activation, setPassword: true });
    const notAsking = await renderNotification("storefront-account-activation", { ...activation, setPassword: false });

    expect(asking.text).toContain("choose a password first");
    expect(notAsking.text).not.toContain("choose a password");
  });

  it("follows the password mode: choose one (user-controlled), e-mailed one (automatic), or just activate", async () => {
    const userControlled = await renderNotification("storefront-account-activation", { ...activation, setPassword: true, generatedPassword: false });
    const automatic = await renderNotification("storefront-account-activation", { ...activation, setPassword: false, generatedPassword: true });
    const chosenAlready = await renderNotification("storefront-account-activation", { ...activation, setPassword: false, generatedPassword: false });

    expect(userControlled.text).toContain("you will be asked to choose a password first");
    expect(userControlled.text).not.toMatch(/e-mail you a password/i);
    expect(automatic.text).toContain("When you open the link, we will e-mail you a password to sign in with.");
    expect(automatic.text).not.toMatch(/choose a password/i);
    expect(automatic.html).not.toMatch(/choose a password/i);
    for (const text of [chosenAlready.text, chosenAlready.html]) {
      expect(text).not.toMatch(/choose a password|e-mail you a password/i);
    }
    expect(chosenAlready.text).toContain("Please confirm your e-mail address to activate your account at Demo Shop.");
  });
});

describe("storefront-password-reset", () => {
  it("promises neither a form nor an e-mailed password: the link decides by the mode in force when it is used", async () => {
    for (const additionalData of [{}, { callCentrePasswordReset: true }]) {
      const { text } = await renderNotification("storefront-password-reset", { ...reset, additionalData });
      expect(text).not.toMatch(/choose a new password|e-mail you a (new )?password/i);
      expect(text).toContain("Use the button below to reset it.");
    }
  });
});

describe("activation-successful", () => {
  it("shows the generated password in automatic mode", async () => {
    const { html, text } = await renderNotification("activation-successful", classicActivated);

    expect(text).toContain(`Your password: ${classicActivated.password}`);
    expect(html).toContain(classicActivated.password);
  });

  it("shows no password line when none was generated", async () => {
    const { text } = await renderNotification("activation-successful", { ...activated, password: undefined });

    expect(text).not.toContain("Your password");
    expect(text).toContain(activated.link);
  });
});

describe("call-centre wording", () => {
  it("appears in a password reset e-mail only when the flag is set", async () => {
    const byCustomer = await renderNotification("storefront-password-reset", { ...reset, additionalData: {} });
    const byCallCentre = await renderNotification("storefront-password-reset", {
      ...reset,
      additionalData: { callCentrePasswordReset: true },
    });

    expect(byCustomer.text).not.toMatch(callCentreWording);
    expect(byCustomer.text).toContain("We received a request to reset the password");
    expect(byCallCentre.text).toContain(
      "Our customer service team started a password reset for you at your request.",
    );
    expect(byCallCentre.html).toMatch(callCentreWording);
  });

  it("appears in a reset-successful e-mail only when the flag is set", async () => {
    const byCustomer = await renderNotification("reset-password-successful", {
      ...resetDone,
      password: undefined,
      additionalData: { callCentrePasswordReset: false },
    });
    const byCallCentre = await renderNotification("reset-password-successful", callCentreResetDone);

    expect(byCustomer.text).not.toMatch(callCentreWording);
    expect(byCustomer.text).not.toContain("Your password:");
    expect(byCallCentre.text).toContain("At your request, our customer service team reset the password");
    expect(byCallCentre.text).toContain(`Your password: ${callCentreResetDone.password}`);
  });
});

describe("branding", () => {
  it("uses the accent colour for the button and ignores anything that is not a hex colour", async () => {
    const branded = await renderNotification("activation-successful", activated);
    const tampered = await renderNotification("activation-successful", {
      ...activated,
      shop: { ...activated.shop, accentColor: "red;background-image:url(https://evil.example/x)" },
    });

    expect(branded.html).toContain("background-color:#2563eb");
    expect(tampered.html).not.toContain("evil.example");
  });

  it("shows the logo with the shop name as its alternative text", async () => {
    const { html } = await renderNotification("activation-successful", {
      ...activated,
      shop: { ...activated.shop, logoUrl: "http://localhost:3000/logo.png" },
    });

    const img = html.match(/<img[^>]*>/)?.[0];

    expect(img).toContain('src="http://localhost:3000/logo.png"');
    expect(img).toContain('alt="Demo Shop"');
  });
});

/** `npm run email:dev` shows every file with a default export under emails/: the templates and emails/previews/<type>/*. */
describe("previews", () => {
  const previewsDir = fileURLToPath(new URL("./previews", import.meta.url));
  const variants = readdirSync(previewsDir, { recursive: true, encoding: "utf8" })
    .filter((file) => file.endsWith(".tsx"))
    .map((file) => ({ file, type: dirname(file) }));

  async function expectPreviewRendersAsSent<T extends NotificationType>(type: T, Preview: Template<NotificationProps[T]>) {
    const props = Preview.PreviewProps;
    if (!props) throw new Error(`${Preview.name} has no PreviewProps`);
    const sent = await renderNotification(type, props);
    expect(await render(createElement(Preview, props))).toBe(sent.html);
    expect(sent.text).toContain(props.shop.name);
    // The text part, made once from the HTML by a compiled converter, is what React Email's own text render gives.
    const headings = ["h1", "h2", "h3"].map((selector) => ({ selector, options: { uppercase: false } }));
    expect(sent.text).toBe(await render(createElement(Preview, props), { plainText: true, htmlToTextOptions: { selectors: headings } }));
  }


  it.each(notificationTypes)("%s exports PreviewProps that the app's renderer renders", async (type) => {
    const check = <T extends NotificationType>(t: T) => expectPreviewRendersAsSent(t, templates[t]);
    await check(type);
  });

  it("has variants for both shops, both password modes and the call-centre wording", () => {
    expect(variants.map(({ file }) => file).sort()).toEqual([
      "activation-successful/classic-shop-generated-password.tsx",
      "reset-password-successful/classic-shop-call-centre.tsx",
      "reset-password-successful/classic-shop-generated-password.tsx",
      "storefront-account-activation/classic-shop-generated-password.tsx",
      "storefront-account-activation/demo-shop-self-registered.tsx",
      "storefront-account-exists/classic-shop.tsx",
      "storefront-password-reset/classic-shop.tsx",
      "storefront-password-reset/demo-shop-call-centre.tsx",
    ]);
  });

  it.each(variants)("$file renders its template, as the app would send it", async ({ file, type }) => {
    expect(notificationTypes).toContain(type);
    const mod = (await import(/* @vite-ignore */ pathToFileURL(join(previewsDir, file)).href)) as {
      default: Template<NotificationProps[NotificationType]>;
    };
    await expectPreviewRendersAsSent(type as NotificationType, mod.default);
  });
});

describe.each(["de", "ru", "uk"] as const)("in %s", (locale) => {
  const english = flattenMessages(englishEmails);

  it.each(notificationTypes)("%s: subject, words and dates in the language, links and passwords as in English", async (type) => {
    const { props, secrets } = cases[type] as Case<NotificationType>;
    const email = await renderNotification(type, { ...props, locale });
    expect(email.subject).toBe(`${props.shop.name}: ${flattenMessages(catalogues[locale]).get(`${type}.subject`)}`);
    expect(email.html).toContain(`lang="${locale}"`);
    for (const secret of secrets) {
      expect(email.html).toContain(secret.replaceAll("&", "&amp;"));
      expect(email.text).toContain(secret);
    }
    // No English sentence is left: none of the English catalogue's texts, cut at their first argument, appears.
    const leftovers = [...english.values()].map((text) => text.split("{")[0].trim()).filter((start) => start.length > 12 && email.text.includes(start));
    expect(leftovers).toEqual([]);
  });

  it("writes the expiry in the language's words, in UTC and saying so", async () => {
    const { text } = await renderNotification("storefront-account-activation", { ...activation, expiresAt: "2026-03-14T15:30:00.000Z", locale });
    const expected = { de: "14. März 2026 um 15:30 UTC", ru: "14 марта 2026 г. в 15:30 UTC", uk: "14 березня 2026 р. о 15:30 UTC" }[locale];
    expect(text).toContain(expected);
  });
});
