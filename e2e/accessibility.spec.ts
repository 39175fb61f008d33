import { expect, seriousViolations, test, WCAG_TAGS } from "./fixtures";
import { preparedSite, sitePages, visitorPages, widths } from "./pages";

// Issue 13: every page (e2e/pages.ts) at 1280 and 390 px has no serious or critical WCAG 2.1 A/AA violation
// (axe), and at 390 px nothing is wider than the window.

// The pages are independent of each other: every worker takes a share (each with its own browser pages).
test.describe.configure({ mode: "parallel" });

let visits: ReturnType<typeof visitorPages>;

test.beforeAll(async ({ browser, sql }) => {
  test.setTimeout(300_000);
  visits = visitorPages(browser, await preparedSite(browser, sql));
});

test.afterAll(async () => {
  await visits?.close();
});

for (const sitePage of sitePages) {
  for (const width of widths) {
    test(`${sitePage.name} at ${width} px`, async () => {
      const page = await visits.open(sitePage, width);
      const where = `${sitePage.name} at ${width} px (${page.url()})`;
      expect(await seriousViolations(page, WCAG_TAGS), `axe: serious or critical violations on ${where}`).toEqual([]);
      if (width === 390) {
        const { scrollWidth, innerWidth, widest } = await page.evaluate(() => ({
          scrollWidth: document.documentElement.scrollWidth,
          innerWidth: window.innerWidth,
          // The elements that reach past the window, to name in the message.
          widest: [...document.body.querySelectorAll("*")]
            .filter((element) => element.getBoundingClientRect().right > window.innerWidth + 0.5)
            .slice(0, 5)
            .map((element) => `${element.tagName.toLowerCase()}${element.id ? `#${element.id}` : ""}.${[...element.classList].join(".")}`),
        }));
        expect(scrollWidth, `horizontal overflow on ${where}: ${widest.join(", ")}`).toBeLessThanOrEqual(innerWidth);
      }
    });
  }
}
