// The language switch and « Facile à lire » are plain forms: they work with JavaScript off.
import { expect, test } from "@playwright/test";
import { disableJavaScript, newResident, t } from "./support.js";

test.describe("JavaScript off", () => {
  test.use({ javaScriptEnabled: false });

  test("resident switches to Arabic, then English, and turns easy-read on and off", async ({ page, context }) => {
    await disableJavaScript(context);
    await page.goto("/contrats");
    await expect(page.locator("html")).toHaveAttribute("lang", "fr");
    await page.getByLabel(t("fr", "layout.language")).selectOption("ar");
    await page.getByRole("button", { name: t("fr", "layout.languageApply") }).click();
    await expect(page).toHaveURL(/\/contrats$/);
    await expect(page.locator("html")).toHaveAttribute("dir", "rtl");
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(t("ar", "contracts.title"));
    // French contract names inside the Arabic page are marked as French, left to right.
    await expect(page.locator("h2 [lang=fr]").first()).toHaveAttribute("dir", "ltr");

    await page.getByLabel(t("ar", "layout.language")).selectOption("en");
    await page.getByRole("button", { name: t("ar", "layout.languageApply") }).click();
    await expect(page.locator("html")).toHaveAttribute("lang", "en");

    await page.getByRole("button", { name: t("en", "layout.falcTurnOn") }).click();
    await expect(page.getByRole("button", { name: t("en", "layout.falcTurnOff") })).toBeVisible();
    expect((await context.cookies()).find((c) => c.name === "falc")?.value).toBe("1");
    await page.getByRole("button", { name: t("en", "layout.falcTurnOff") }).click();
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
