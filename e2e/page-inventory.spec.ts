// Every page of the inventory passes axe (WCAG 2.1 A and AA) with zero violations: on a
// phone in fr, en and ar; at 1280 px in fr and ar; and with JavaScript off. The same visit
// reads what a person sees — the text once hydrated with JavaScript on, the server's HTML with
// it off, every option, title, aria-label, placeholder and alt — and fails on a raw
// placeholder (« rang {{rank}} »), a value the text did not get (⟦name⟧ on test servers),
// « undefined », « NaN », « [object Object] » or an empty bracket; and on any console error.
import { expect, test, type BrowserContext, type Page } from "@playwright/test";
import { ALL_PAGES } from "./inventory.js";
import { disableJavaScript, expectNoAxeViolations, resolvePath, setLanguage, signIn, type Lang } from "./support.js";

const VARIANTS: { name: string; lng: Lang; width: number; height: number; js: boolean }[] = [
  { name: "phone fr", lng: "fr", width: 390, height: 844, js: true },
  { name: "phone en", lng: "en", width: 390, height: 844, js: true },
  { name: "phone ar", lng: "ar", width: 390, height: 844, js: true },
  { name: "desktop fr", lng: "fr", width: 1280, height: 900, js: true },
  { name: "desktop ar", lng: "ar", width: 1280, height: 900, js: true },
  { name: "phone fr, no JavaScript", lng: "fr", width: 390, height: 844, js: false },
];

for (const variant of VARIANTS) {
  test.describe(variant.name, () => {
    // One browser context per variant in each worker, its cookies cleared before every page:
    // the app's scripts are then fetched and compiled once, not once per page. The
    // no-JavaScript state blocks them (/build/**) but leaves the browser able to run axe.
    let context: BrowserContext;
    test.beforeAll(async ({ browser }) => {
      context = await browser.newContext({ viewport: { width: variant.width, height: variant.height } });
      if (!variant.js) await disableJavaScript(context);
    });
    test.afterAll(async () => context?.close());
    for (const page of ALL_PAGES) {
      if (page.roleOnly && variant.name !== "phone fr" && variant.name !== "phone ar") continue;
      test(`${page.name} (${page.path})`, async ({ baseURL }) => {
        await context.clearCookies();
        await setLanguage(context, baseURL!, variant.lng);
        if (page.as) await signIn(context, baseURL!, page.as);
        const tab = await context.newPage();
        const consoleErrors: string[] = [];
        // (An error page's own status is logged by the browser as a failed load: that is the page, not an error.)
        const ownStatus = `the server responded with a status of ${page.status} `;
        // Without JavaScript the app's scripts are blocked on purpose: their failed loads are the state, not errors.
        const blocked = (m: { location(): { url: string } }) => !variant.js && m.location().url.includes("/build/");
        tab.on("console", (m) => void (m.type() === "error" && !(page.status >= 400 && m.text().includes(ownStatus)) && !blocked(m) && consoleErrors.push(m.text())));
        tab.on("pageerror", (e) => void consoleErrors.push(e.message));
        const built: string[] = [];
        tab.on("requestfinished", (r) => void (r.url().includes("/build/") && built.push(r.url())));
        const response = await tab.goto(await resolvePath(page.path));
        expect(response?.status()).toBe(page.status);
        await expect(tab.locator("html")).toHaveAttribute("lang", variant.lng);
        await expect(tab.locator("html")).toHaveAttribute("dir", variant.lng === "ar" ? "rtl" : "ltr");
        await expect(tab.locator("h1")).toHaveCount(1);
        // A passage in another language says so; in Arabic, a French or English one also runs left to right.
        if (variant.lng === "ar") {
          const unmarked = await tab.locator("body [lang]:not([lang=ar])").evaluateAll((els) => els.filter((e) => e.closest("[dir]")?.getAttribute("dir") !== "ltr").map((e) => e.outerHTML.slice(0, 80)));
          expect(unmarked, "French or English passages without dir=ltr").toEqual([]);
        }
        if (variant.js) await tab.waitForLoadState("networkidle");
        expect(await brokenText(tab), "text with a raw or missing value").toEqual([]);
        await expectNoAxeViolations(tab);
        expect(consoleErrors, "console errors").toEqual([]);
        if (!variant.js) expect(built, "no app script may load in the no-JavaScript state").toEqual([]);
        await tab.close();
      });
    }
  });
}

/** Every piece of text a person can see or hear on the page that holds a raw or missing value. */
async function brokenText(tab: Page): Promise<string[]> {
  return tab.evaluate(() => {
    const texts: string[] = [document.title, ...document.body.innerText.split("\n")];
    for (const o of Array.from(document.querySelectorAll("option"))) texts.push(o.textContent ?? "");
    for (const el of Array.from(document.querySelectorAll("[title], [aria-label], [placeholder], img[alt]")))
      for (const a of ["title", "aria-label", "placeholder", "alt"]) {
        const v = el.getAttribute(a);
        if (v) texts.push(v);
      }
    const bad = /\{\{|\}\}|⟦|\bundefined\b|\bNaN\b|\[object Object\]|\(\s*\)/;
    return [...new Set(texts.filter((t) => bad.test(t)).map((t) => t.trim().slice(0, 120)))];
  });
}
