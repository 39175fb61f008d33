import type { Browser, Page } from "@playwright/test";
import { flattenMessages } from "@/i18n/flatten";
import type { Locale } from "@/i18n/locales";
import deEmails from "@/messages/de/emails.json" with { type: "json" };
import ruEmails from "@/messages/ru/emails.json" with { type: "json" };
import ukEmails from "@/messages/uk/emails.json" with { type: "json" };
import admin from "@/messages/en/admin.json" with { type: "json" };
import common from "@/messages/en/common.json" with { type: "json" };
import consoleWords from "@/messages/en/console.json" with { type: "json" };
import dashboard from "@/messages/en/dashboard.json" with { type: "json" };
import office from "@/messages/en/office.json" with { type: "json" };
import secondFactor from "@/messages/en/secondFactor.json" with { type: "json" };
import ukConsole from "@/messages/uk/console.json" with { type: "json" };
import ukOffice from "@/messages/uk/office.json" with { type: "json" };
import forms from "@/messages/en/forms.json" with { type: "json" };
import storefront from "@/messages/en/storefront.json" with { type: "json" };
import deStorefront from "@/messages/de/storefront.json" with { type: "json" };
import ruStorefront from "@/messages/ru/storefront.json" with { type: "json" };
import ukStorefront from "@/messages/uk/storefront.json" with { type: "json" };
import { confirmAction, demoShop, expect, linkTo, newStaff, newShopper, shopUrl, test, type Shopper } from "./fixtures";
import { waitForEmail } from "./sink";

/** The storefront's words per language, as the tests look for them (the catalogue is what a page must show). */
const words = { de: deStorefront, ru: ruStorefront, uk: ukStorefront };
const emailWords = { de: deEmails, ru: ruEmails, uk: ukEmails };

/** Every English sentence of a catalogue that a translated page must not show (the static ones). */
const sentencesOf = (messages: object) => [...flattenMessages(messages).values()].filter((text) => text.split(" ").length >= 3 && !/[{<]/.test(text));
const englishSentences = sentencesOf({ storefront, forms, common });
const backOfficeSentences = sentencesOf({ admin, common, console: consoleWords, dashboard, forms, office, secondFactor });

async function shopperIn(browser: Browser, clientAddress: string, locale: string): Promise<Page> {
  const context = await browser.newContext({ locale, extraHTTPHeaders: { "x-forwarded-for": clientAddress } });
  return context.newPage();
}

async function registerIn(page: Page, locale: keyof typeof words, shopper: Shopper): Promise<void> {
  const { attributes } = words[locale].shopDefaults;
  await page.getByLabel(attributes.email).fill(shopper.email);
  await page.getByLabel(attributes.firstName).fill(shopper.firstName);
  await page.getByLabel(attributes.lastName).fill(shopper.lastName);
  await page.getByLabel(attributes.password, { exact: true }).fill(shopper.password);
  await page.getByLabel(attributes.confirmPassword).fill(shopper.password);
  await page.getByRole("button", { name: words[locale].register.submit }).click();
  await expect(page.getByRole("heading", { name: words[locale].checkInbox.heading })).toBeVisible();
}

async function expectNoEnglish(page: Page, locale: Locale, sentences = englishSentences): Promise<void> {
  await expect(page.locator("html")).toHaveAttribute("lang", locale);
  const text = await page.locator("body").innerText();
  expect(sentences.filter((sentence) => text.includes(sentence))).toEqual([]);
}

test("the storefront speaks German from Accept-Language, switches to Ukrainian, and registers in Ukrainian with a Ukrainian activation e-mail", async ({
  browser,
  clientAddress,
}) => {
  const page = await shopperIn(browser, clientAddress, "de-DE");
  await page.goto(shopUrl(demoShop, "/"));
  await expect(page.getByText(deStorefront.home.welcome)).toBeVisible();
  await expect(page.getByRole("navigation", { name: deStorefront.layout.accountNav }).getByRole("link", { name: deStorefront.layout.signIn })).toBeVisible();
  for (const path of ["/", "/login", "/register", "/forgot-password", "/resend-activation"]) {
    await page.goto(shopUrl(demoShop, path));
    await expectNoEnglish(page, "de");
  }

  // The switcher keeps the choice over the browser's language, and brings the shopper back to the same page.
  await page.getByRole("navigation", { name: deStorefront.layout.language }).getByRole("link", { name: "Українська" }).click();
  await expect(page).toHaveURL(/\/resend-activation$/);
  await expect(page.getByRole("navigation", { name: ukStorefront.layout.language }).getByText("Українська")).toHaveAttribute("aria-current", "true");
  await expectNoEnglish(page, "uk");
  await page.goto(shopUrl(demoShop, "/register"));
  await expect(page.getByRole("heading", { level: 1, name: ukStorefront.register.heading })).toBeVisible();
  await expectNoEnglish(page, "uk");

  const shopper = newShopper("ukrainian");
  await registerIn(page, "uk", shopper);
  await expectNoEnglish(page, "uk");
  const [activation] = await waitForEmail({ to: shopper.email, tag: "storefront-account-activation" });
  expect(activation.subject).toBe(`Demo Shop: ${ukEmails["storefront-account-activation"].subject}`);
  expect(activation.text).toContain(ukEmails["storefront-account-activation"].heading);
  // The expiry in Ukrainian, saying its time zone.
  expect(activation.text).toMatch(/\d{1,2} [а-яіїєґ]+ \d{4} р\. о \d{2}:\d{2} UTC/);
  await page.goto(linkTo(activation, "/activate/"));
  await expect(page.getByRole("heading", { name: ukStorefront.activate.done.heading })).toBeVisible();

  // Signed in, My account chooses German for the pages and every later e-mail.
  await page.goto(shopUrl(demoShop, "/login"));
  await page.getByLabel(ukStorefront.signIn.email).fill(shopper.email);
  await page.getByLabel(ukStorefront.signIn.password).fill(shopper.password);
  await page.getByRole("button", { name: ukStorefront.signIn.submit }).click();
  await expect(page.getByRole("heading", { level: 1, name: ukStorefront.account.heading })).toBeVisible();
  await expectNoEnglish(page, "uk");
  await page.getByRole("combobox", { name: ukStorefront.account.language.label }).selectOption("de");
  await page.getByRole("button", { name: ukStorefront.account.language.submit }).click();
  await expect(page.getByText(deStorefront.account.language.saved.replace("{language}", "Deutsch"))).toBeVisible();
  await page.reload();
  await expect(page.getByRole("heading", { level: 1, name: deStorefront.account.heading })).toBeVisible();
  await page.getByRole("button", { name: deStorefront.account.sendResetLink }).click();
  const [reset] = await waitForEmail({ to: shopper.email, tag: "storefront-password-reset" });
  expect(reset.subject).toBe(`Demo Shop: ${emailWords.de["storefront-password-reset"].subject}`);
  await page.context().close();

  // A language the shop does not offer, or a way back off the storefront, changes nothing and stays on this host.
  const other = await shopperIn(browser, clientAddress, "de-DE");
  const response = await other.request.get(shopUrl(demoShop, "/language?to=fr&back=//evil.example/"), { maxRedirects: 0 });
  expect(response.status()).toBe(303);
  expect(response.headers()["location"]).toBe("/");
  await other.goto(shopUrl(demoShop, "/"));
  await expectNoEnglish(other, "de");
  await other.context().close();
});

test("a call-centre reset that an English-speaking agent sends to a Russian-speaking customer arrives in Russian", async ({ browser, clientAddress }) => {
  const page = await shopperIn(browser, clientAddress, "ru-RU");
  await page.goto(shopUrl(demoShop, "/register"));
  const shopper = newShopper("russian");
  await registerIn(page, "ru", shopper);
  const [activation] = await waitForEmail({ to: shopper.email, tag: "storefront-account-activation" });
  expect(activation.subject).toBe(`Demo Shop: ${ruEmails["storefront-account-activation"].subject}`);
  await page.goto(linkTo(activation, "/activate/"));
  await expect(page.getByRole("heading", { name: ruStorefront.activate.done.heading })).toBeVisible();
  await page.context().close();

  const { page: agent } = await newStaff(browser, clientAddress, ["customer_service"]);
  await agent.goto(`/admin/contacts?q=${encodeURIComponent(shopper.email)}`);
  await agent.getByRole("link", { name: shopper.email }).click();
  await confirmAction(agent, "Send password reset");
  await expect(agent.getByText("A password reset link was e-mailed")).toBeVisible();

  const [reset] = await waitForEmail({ to: shopper.email, tag: "storefront-password-reset" });
  expect(reset.subject).toBe(`Demo Shop: ${emailWords.ru["storefront-password-reset"].subject}`);
  expect(reset.text).toContain(emailWords.ru["storefront-password-reset"].byCallCentre);
  expect(reset.text).toMatch(/\d{1,2} [а-яё]+ \d{4} г\. в \d{2}:\d{2} UTC/);
  expect(reset.text).not.toMatch(/customer service/i);
});

test("a business user chooses Ukrainian on their own page, and the back office speaks it", async ({ browser, clientAddress }) => {
  const { page } = await newStaff(browser, clientAddress, ["customer_service"]);
  // A value the list does not hold (a forged form) is refused with a message and changes nothing.
  await page.getByRole("combobox", { name: "Language" }).evaluate((select: HTMLSelectElement) => {
    select.append(new Option("forged", "<script>x</script>"));
    select.value = "<script>x</script>";
  });
  await page.getByRole("button", { name: "Save language" }).click();
  await expect(page.getByRole("alert").filter({ hasText: "Choose a language from the list." })).toBeVisible();
  await page.reload();
  await expect(page.locator("html")).toHaveAttribute("lang", "en");
  await page.getByRole("combobox", { name: "Language" }).selectOption("uk");
  await page.getByRole("button", { name: "Save language" }).click();
  await expect(page.getByText(ukConsole.language.saved.replace("{language}", "Українська"))).toBeVisible();
  await page.reload();
  await expect(page.getByRole("heading", { level: 2, name: ukConsole.language.heading })).toBeVisible();
  await expectNoEnglish(page, "uk", backOfficeSentences);
  for (const path of ["/admin/contacts", "/admin/notifications", "/admin/contacts/new"]) {
    await page.goto(path);
    await expectNoEnglish(page, "uk", backOfficeSentences);
  }
  await expect(page.getByRole("heading", { level: 1, name: ukOffice.newContact.title })).toBeVisible();
});
