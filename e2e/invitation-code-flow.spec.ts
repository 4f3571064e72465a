// Staff generate 20 codes for Gagarine and print them; a resident redeems one on a phone,
// notes the identifier and the PIN drawn for them, logs out, logs back in with identifier +
// PIN; the code is then spent.
// The whole flow runs with JavaScript on and off.
import { expect, test, type Page } from "@playwright/test";
import jsQR from "jsqr";
import { PNG } from "pngjs";
import { disableJavaScript, t } from "./support.js";

async function logIn(page: Page, login: string, secret: string) {
  await page.goto("/connexion");
  await page.getByLabel(t("fr", "login.login")).fill(login);
  await page.getByLabel(t("fr", "login.secret")).fill(secret);
  await page.getByRole("button", { name: t("fr", "login.submit") }).click();
  await expect(page).toHaveURL(/\/compte$/);
}

for (const js of [true, false]) {
  test.describe(`JavaScript ${js ? "on" : "off"}`, () => {
    test.use({ javaScriptEnabled: js });

    test("invitation codes: generate, print, redeem, log in, refuse the spent code", async ({ browser, page, context, baseURL }) => {
      if (!js) await disableJavaScript(context);
      // 1. Staff generate 20 codes for Gagarine.
      await logIn(page, "agent-calais", "demo-agent-calais");
      await page.goto("/staff/codes");
      const label = `Boîtes aux lettres Gagarine ${js ? "A" : "B"}`;
      await page.getByLabel(t("fr", "staff.territory")).selectOption({ label: "Beau Marais — Gagarine" });
      await page.getByLabel(t("fr", "staff.label")).fill(label);
      await page.getByLabel(t("fr", "staff.size")).fill("20");
      await page.getByLabel(t("fr", "staff.helpText")).fill("Centre social Matisse, 03 21 00 00 00");
      await page.getByRole("button", { name: t("fr", "staff.create") }).click();
      await expect(page.getByRole("heading", { level: 1 })).toHaveText(label);
      await expect(page.getByRole("row", { name: new RegExp(`^${t("fr", "staff.issued")} 20$`) })).toBeVisible();
      const batchUrl = page.url();

      // The CSV opens in French Excel: BOM, semicolons, CRLF.
      const csv = await page.request.get(`${batchUrl}/csv`);
      const bytes = Buffer.from(await csv.body());
      expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
      const text = bytes.subarray(3).toString("utf8");
      expect(text.split("\r\n").filter(Boolean)).toHaveLength(21);
      expect(text.split("\r\n")[0]).toBe("code;lien;quartier;expire le;état");

      // 2. Print: 20 cards on 2 A4 sheets, none split.
      await page.getByRole("link", { name: t("fr", "staff.print") }).click();
      const cards = page.locator("article.card");
      await expect(cards).toHaveCount(20);
      const pdf = await page.pdf({ format: "A4", preferCSSPageSize: true });
      const pages = (pdf.toString("latin1").match(/\/Type\s*\/Page[^s]/g) ?? []).length;
      expect(pages).toBe(2);
      await page.emulateMedia({ media: "print" });
      const sheetHeights = await page.locator("section.sheet").evaluateAll((els) => els.map((e) => e.getBoundingClientRect().height));
      expect(sheetHeights).toHaveLength(2);
      // A4 printable height with 10 mm margins: 277 mm = 1047 CSS px. A sheet that fits is never split.
      for (const h of sheetHeights) expect(h).toBeLessThanOrEqual(1047);
      const cardBoxes = await page.locator("section.sheet").first().locator("article.card").evaluateAll((els) => els.map((e) => e.getBoundingClientRect().bottom - (e.closest("section")!.getBoundingClientRect().top)));
      for (const bottom of cardBoxes) expect(bottom).toBeLessThanOrEqual(1047);
      await page.emulateMedia({ media: "screen" });

      // One card's QR, decoded from a screenshot, gives the redeem URL with that card's code.
      const first = cards.first();
      const printed = (await first.locator(".card-code").textContent())!.trim();
      const png = PNG.sync.read(await first.locator(".card-qr").screenshot({ scale: "device" }));
      const decoded = jsQR(new Uint8ClampedArray(png.data), png.width, png.height);
      expect(decoded?.data).toBe(`${baseURL}/code?code=${printed.replace(/-/g, "")}`);
      // Without the QR code: the address to type (PUBLIC_URL's, without its scheme) and a line for the identifier.
      await expect(first.locator(".card-url")).toHaveText(`${new URL(baseURL!).host}/code`);
      await expect(first.locator(".card-address")).toContainText(t("fr", "cards.address"));
      await expect(first.locator(".card-identifier")).toHaveText(t("fr", "cards.identifier"));
      await expect(first).toContainText("Centre social Matisse, 03 21 00 00 00");

      // The same cards in French and Arabic, still 10 per sheet.
      await page.goto(`${batchUrl}/cartes?langue=ar`);
      await expect(cards).toHaveCount(20);
      await expect(cards.first().locator(".card-url")).toHaveText(`${new URL(baseURL!).host}/code`);
      await expect(cards.first().locator(".card-address [lang=ar]")).toHaveText(t("ar", "cards.address"));
      await expect(cards.first().locator(".card-identifier [lang=ar]")).toHaveText(t("ar", "cards.identifier"));
      await expect(cards.first().locator(".card-purpose [lang=ar]")).toHaveText(t("ar", "cards.purpose"));
      await page.emulateMedia({ media: "print" });
      const pdfAr = await page.pdf({ format: "A4", preferCSSPageSize: true });
      expect((pdfAr.toString("latin1").match(/\/Type\s*\/Page[^s]/g) ?? []).length).toBe(2);
      await page.emulateMedia({ media: "screen" });

      // 3. A resident redeems it on a phone, typed in lower case with spaces.
      const resident = await browser.newContext({ viewport: { width: 390, height: 844 }, javaScriptEnabled: js });
      if (!js) await disableJavaScript(resident);
      const phone = await resident.newPage();
      await phone.goto("/code");
      await phone.getByLabel(t("fr", "code.code")).fill(printed.toLowerCase().replace(/-/g, " "));
      await phone.getByRole("button", { name: t("fr", "code.check") }).click();
      await expect(phone.getByText(t("fr", "code.valid", { code: printed }))).toBeVisible();
      await phone.getByLabel(t("fr", "code.displayName")).fill("Samira");
      await phone.getByLabel(t("fr", "code.ageBand")).selectOption("25_39");
      await phone.getByRole("button", { name: t("fr", "code.redeem") }).click();
      // The identifier and a drawn PIN, shown once.
      await expect(phone.getByRole("heading", { name: t("fr", "newPin.created") })).toBeVisible();
      const identifier = (await phone.locator("#new-identifier").textContent())!.trim();
      const pin = (await phone.locator("#new-pin").textContent())!.trim();
      expect(identifier).toMatch(/^gagarine-\d{4}$/);
      expect(pin).toMatch(/^\d{6}$/);
      await phone.getByRole("link", { name: t("fr", "newPin.continue") }).click();
      await expect(phone).toHaveURL(/\/compte\?bienvenue=1$/);
      // With JavaScript the address changes before the page does: wait for the PIN page to go.
      await expect(phone.locator("#new-pin")).toHaveCount(0);
      await expect(phone.locator(".code-big")).toHaveText(identifier);

      // 4. Log out, log back in with identifier + PIN.
      await phone.getByRole("button", { name: t("fr", "account.logout"), exact: true }).click();
      await expect(phone).toHaveURL(/\/$/);
      await logIn(phone, identifier, pin);
      await expect(phone.getByText(identifier, { exact: true })).toBeVisible();

      // 5. The same code is refused the second time.
      const other = await browser.newContext({ viewport: { width: 390, height: 844 }, javaScriptEnabled: js });
      const second = await other.newPage();
      const res = await second.goto(`/code?code=${encodeURIComponent(printed)}`);
      expect(res?.status()).toBe(400);
      await expect(second.getByText(t("fr", "code.refused.spent"))).toBeVisible();
      await resident.close();
      await other.close();
    });
  });
}

test("a wrong PIN is refused with a clear message, and the limit says when to try again; a weak PIN says it is no longer accepted", async ({ page }) => {
  await page.goto("/connexion");
  await page.getByLabel(t("fr", "login.login")).fill("constantine-0002");
  await page.getByLabel(t("fr", "login.secret")).fill("123456");
  await page.getByRole("button", { name: t("fr", "login.submit") }).click();
  await expect(page.getByRole("alert")).toHaveText(t("fr", "login.weakPin"));
  for (let i = 0; i < 5; i++) {
    await page.goto("/connexion");
    await page.getByLabel(t("fr", "login.login")).fill("constantine-0002");
    await page.getByLabel(t("fr", "login.secret")).fill("735163");
    await page.getByRole("button", { name: t("fr", "login.submit") }).click();
    await expect(page.getByRole("alert")).toHaveText(t("fr", "login.wrong"));
  }
  await page.getByLabel(t("fr", "login.login")).fill("constantine-0002");
  await page.getByLabel(t("fr", "login.secret")).fill("735164");
  await page.getByRole("button", { name: t("fr", "login.submit") }).click();
  await expect(page.getByRole("alert")).toContainText(t("fr", "login.accountLimited"));
  await expect(page.getByRole("alert")).toContainText(/\d+ (heures?|minutes?)/);
});
