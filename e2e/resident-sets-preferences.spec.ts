// The language switch and « Facile à lire » are plain forms: they work with JavaScript off.
import { expect, test } from "@playwright/test";
import { disableJavaScript, newResident, setLanguage, t } from "./support.js";

test.describe("JavaScript off", () => {
  test.use({ javaScriptEnabled: false });

  test("resident switches to Arabic, then English, and turns easy-read on and off", async ({ page, context }) => {
    await disableJavaScript(context);
    await page.goto("/contrats");
    await expect(page.locator("html")).toHaveAttribute("lang", "fr");
    // Behind one line of the header: « Langue · Facile à lire ».
    await expect(page.getByLabel(t("fr", "layout.language"))).toBeHidden();
    await page.locator(".prefs-menu > summary").filter({ hasText: t("fr", "layout.prefs") }).click();
    await page.getByLabel(t("fr", "layout.language")).selectOption("ar");
    await page.getByRole("button", { name: t("fr", "layout.languageApply") }).click();
    await expect(page).toHaveURL(/\/contrats$/);
    await expect(page.locator("html")).toHaveAttribute("dir", "rtl");
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(t("ar", "contracts.title"));
    // French contract names inside the Arabic page are marked as French, left to right.
    await expect(page.locator("h2 [lang=fr]").first()).toHaveAttribute("dir", "ltr");

    await page.locator(".prefs-menu > summary").filter({ hasText: t("ar", "layout.prefs") }).click();
    await page.getByLabel(t("ar", "layout.language")).selectOption("en");
    await page.getByRole("button", { name: t("ar", "layout.languageApply") }).click();
    await expect(page.locator("html")).toHaveAttribute("lang", "en");

    await page.locator(".prefs-menu > summary").click();
    await page.getByRole("button", { name: t("en", "layout.falcTurnOn") }).click();
    await page.locator(".prefs-menu > summary").click();
    await expect(page.getByRole("button", { name: t("en", "layout.falcTurnOff") })).toBeVisible();
    expect((await context.cookies()).find((c) => c.name === "falc")?.value).toBe("1");
    await page.getByRole("button", { name: t("en", "layout.falcTurnOff") }).click();
    await page.locator(".prefs-menu > summary").click();
    await expect(page.getByRole("button", { name: t("en", "layout.falcTurnOn") })).toBeVisible();
  });

  test("?lng=ar on a first visit is remembered", async ({ page, context }) => {
    await disableJavaScript(context);
    await page.goto("/accessibilite?lng=ar");
    await expect(page.locator("html")).toHaveAttribute("dir", "rtl");
    await page.goto("/");
    await expect(page.locator("html")).toHaveAttribute("lang", "ar");
  });
});

test("keyboard: the skip link is the first stop and moves to the content", async ({ page }) => {
  await page.goto("/");
  await page.keyboard.press("Tab");
  const skip = page.getByRole("link", { name: t("fr", "layout.skipLink") });
  await expect(skip).toBeFocused();
  await expect(skip).toBeVisible();
  await page.keyboard.press("Enter");
  await expect(page).toHaveURL(/#contenu$/);
});

test.describe("details, JavaScript off", () => {
  test.use({ javaScriptEnabled: false });
  test("a resident sets an age band (never a birth date) on « Mon compte »", async ({ page, context, baseURL }) => {
    await disableJavaScript(context);
    await newResident(context, baseURL!, "bm-gagarine");
    await page.goto("/compte");
    await page.getByLabel(t("fr", "code.ageBand")).selectOption("60_74");
    await page.getByRole("button", { name: t("fr", "staff.save") }).click();
    await expect(page.getByRole("status")).toHaveText(t("fr", "account.detailsSaved"));
    await expect(page.getByLabel(t("fr", "code.ageBand"))).toHaveValue("60_74");
  });
});

for (const lng of ["fr", "en", "ar"] as const)
  test(`the header takes at most a fifth of a 390 × 844 screen (${lng}, signed in as a resident)`, async ({ browser, baseURL }) => {
    const context = await browser.newContext({ viewport: { width: 390, height: 844 } });
    await setLanguage(context, baseURL!, lng);
    await newResident(context, baseURL!, "bm-gagarine");
    const page = await context.newPage();
    await page.goto("/");
    const height = await page.locator("header.site-header").evaluate((e) => e.getBoundingClientRect().height);
    expect(height).toBeLessThanOrEqual(844 / 5);
    // What it holds is still there: the site's name, the menu, the preferences' line.
    await expect(page.locator("header .brand")).toHaveText(t(lng, "layout.siteName"));
    await expect(page.getByRole("navigation", { name: t(lng, "layout.mainNav") }).getByRole("link", { name: t(lng, "layout.navAccount") })).toBeVisible();
    await expect(page.locator(".prefs-menu > summary")).toHaveText(t(lng, "layout.prefs"));
    await context.close();
  });
