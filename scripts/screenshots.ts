// `npm run screenshots` (see playwright.screenshots.config.ts): full-page PNGs of the main pages of e2e/pages.ts
// at each width, into docs/screenshots/<page>-<width>.png, overwriting. The README's "Screenshots" links them.
import { test } from "../e2e/fixtures";
import { prepareSite, sitePages, visitorPages, widths } from "../e2e/pages";

test("screenshots of the main pages", async ({ browser, sql }) => {
  const visits = visitorPages(browser, await prepareSite(browser, sql));
  try {
    for (const sitePage of sitePages.filter((candidate) => candidate.screenshot)) {
      for (const width of widths) {
        const page = await visits.open(sitePage, width);
        const path = `docs/screenshots/${sitePage.name}-${width}.png`;
        await page.screenshot({ path, fullPage: true, animations: "disabled", caret: "hide" });
        console.log(`wrote ${path}`);
      }
    }
  } finally {
    await visits.close();
  }
});
