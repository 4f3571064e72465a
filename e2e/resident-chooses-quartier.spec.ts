// A resident picks « Beau Marais » → « Gagarine », sees the Beau Marais priorities with the
// area summary, opens an operational objective and sees the priority items that cite it.
// On a phone, in fr, en and ar, with JavaScript on and off.
import { expect, test } from "@playwright/test";
import { LANGS, disableJavaScript, setLanguage, t } from "./support.js";

for (const lng of LANGS) {
  for (const js of [true, false]) {
    test.describe(`${lng}, JavaScript ${js ? "on" : "off"}`, () => {
      test.use({ javaScriptEnabled: js });
      test("resident chooses Beau Marais → Gagarine and follows an objective", async ({ page, context, baseURL }) => {
        await setLanguage(context, baseURL!, lng);
        if (!js) await disableJavaScript(context);
        await page.goto("/");
        await expect(page.getByRole("heading", { level: 1 })).toHaveText(t(lng, "home.title"));

        // Search whatever the spelling, then step 1.
        await page.getByLabel(t(lng, "home.searchLabel")).fill("beaumarais");
        await page.getByRole("button", { name: t(lng, "home.searchButton") }).first().click();
        await expect(page).toHaveURL(/\?q=beaumarais/);
        await page.getByRole("radio", { name: /Beau Marais/ }).check();
        await page.getByRole("button", { name: t(lng, "home.continue") }).click();

        // Step 2: the sous-secteur.
        await expect(page.getByRole("group", { name: t(lng, "choose.step2") })).toBeVisible();
        await page.getByRole("radio", { name: "Gagarine" }).check();
        await page.getByRole("button", { name: t(lng, "choose.confirm") }).click();

        // The QPV page: Beau Marais's area first, highlighted, with its summary once.
        await expect(page).toHaveURL(/\/quartiers\/\d+\?sous_secteur=\d+/);
        await expect(page.getByRole("heading", { level: 1 })).toHaveText("Beau Marais");
        const area = page.locator("section.area-chosen");
        await expect(area).toHaveCount(1);
        await expect(area.getByRole("heading", { level: 3 })).toContainText("Beau Marais");
        await expect(area.getByRole("heading", { level: 3 })).toContainText(t(lng, "place.yourArea"));
        await expect(area.locator("blockquote")).toHaveCount(1);
        await expect(area.locator("blockquote")).toContainText("Les habitants du quartier verbalisent l'impact des actions de proximité");
        await expect(area.getByRole("heading", { name: "La prévention pour mieux grandir" })).toBeVisible();
        if (lng !== "fr") await expect(area.locator("blockquote p").first()).toHaveAttribute("lang", "fr");
        // The choice is remembered.
        const cookies = await context.cookies();
        expect(cookies.find((c) => c.name === "quartier")?.value).toMatch(/^\d+\.\d+$/);

        // The page leads with what a resident can do: the contract's codes wait behind « détails ».
        await expect(area.getByRole("link", { name: /A1-OS1-OO5/ }).first()).toBeHidden();
        const details = area.locator("details.objective-details").filter({ has: page.locator("a", { hasText: "A1-OS1-OO5" }) }).first();
        await details.locator("summary").click();
        // An operational objective, and the priority items that cite it.
        await area.getByRole("link", { name: /A1-OS1-OO5/ }).first().click();
        await expect(page).toHaveURL(/\/objectifs\/A1-OS1-OO5$/);
        await expect(page.getByText(t(lng, "kinds.objectif_operationnel"), { exact: true })).toBeVisible();
        const cited = page.getByRole("region", { name: t(lng, "objective.citedBy") });
        await expect(cited.getByRole("listitem").filter({ hasText: "La prévention pour mieux grandir" })).toHaveCount(1);
        await expect(cited).toContainText("Favoriser l'accès au sport, à la culture et promouvoir les valeurs collectives");
        // Its place in the contract.
        await expect(page.getByRole("navigation", { name: t(lng, "objective.breadcrumb") })).toContainText("A1-OS1");
      });
    });
  }
}
