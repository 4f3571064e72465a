// Getting in without a card (issue 14, point 5), on a 390 px phone: a newcomer reads where
// cards are handed out — each live batch's help text, in French (JavaScript off) and in its
// Arabic version (JavaScript on) — on /code, /connexion and the home page, for the quartier
// they chose, never another EPCI's when one is chosen and never a code; the printed card
// carries the address to type and a line for the identifier, in French and Arabic; an
// account awaiting verification is told who confirms it and where.
import { expect, test, type BrowserContext, type Page } from "@playwright/test";
import { disableJavaScript, setLanguage, signIn, sqlOne, t, territoryId } from "./support.js";

const run = Date.now().toString(36).slice(-5);
const HELP_FR = `Maison de quartier Gagarine ${run}, mercredi 14 h-17 h, 03 21 46 00 00`;
const HELP_AR = `دار الحي غاغارين ${run}، الأربعاء من 14 إلى 17، 03 21 46 00 00`;
const ELSEWHERE = `Mairie des Épis ${run}`;
const SPENT = `Lot épuisé ${run}`;

async function batchWithCodes(territoryCode: string, help: string, size: number, extra: Record<string, string> = {}) {
  const territory = await territoryId(territoryCode);
  const { id } = await sqlOne<{ id: number }>(
    `insert into invitation_batch (territory_id, label, size, help_text, help_text_ar, expires_at) values ($1, $2, $3, $4, $5, now() + interval '30 days') returning id`,
    [territory, `Lot e2e ${run}`, size, help, extra.ar ?? null],
  );
  const codes: string[] = [];
  for (let i = 0; i < size; i++) {
    const code = Array.from({ length: 10 }, () => "ABCDEFGHJKMNPQRSTUVWXYZ23456789"[Math.floor(Math.random() * 31)]).join("");
    await sqlOne("insert into invitation_code (batch_id, code) values ($1, $2) returning id", [id, code]);
    codes.push(code);
  }
  return { id, codes };
}

let gagarine: { id: number; codes: string[] };
test.beforeAll(async () => {
  gagarine = await batchWithCodes("bm-gagarine", HELP_FR, 12, { ar: HELP_AR });
  await batchWithCodes("qpv-les-epis", ELSEWHERE, 2);
  // A batch whose every code is revoked gives no card: it is never shown.
  const spent = await batchWithCodes("bm-gagarine", SPENT, 1);
  await sqlOne("update invitation_code set revoked_at = now() where batch_id = $1 returning id", [spent.id]);
});

async function chooseGagarine(context: BrowserContext, baseURL: string) {
  const [qpv, ss] = [await territoryId("qpv-beau-marais"), await territoryId("bm-gagarine")];
  await context.addCookies([{ name: "quartier", value: `${qpv}.${ss}`, url: baseURL }]);
}

async function expectNoCode(page: Page) {
  const html = await page.content();
  for (const code of gagarine.codes) expect(html).not.toContain(code);
}

test.describe("phone fr, no JavaScript", () => {
  test.use({ javaScriptEnabled: false });

  test("/code, /connexion and home say where to get a card, with the batch's help text", async ({ page, context, baseURL }) => {
    await disableJavaScript(context);
    await setLanguage(context, baseURL!, "fr");
    // No quartier chosen yet: the home page asks for one; /code and /connexion list every EPCI's desks.
    await page.goto("/");
    await expect(page.getByText(t("fr", "getCard.chooseFirst"))).toBeVisible();
    for (const path of ["/code", "/connexion"]) {
      await page.goto(path);
      const section = page.getByRole("region", { name: t("fr", "getCard.title") });
      await expect(section).toBeVisible();
      await expect(section.getByText(HELP_FR)).toBeVisible();
      await expect(section.getByText(ELSEWHERE)).toBeVisible();
      await expect(section.getByText(SPENT)).toHaveCount(0);
      // The phone number is one to dial.
      await expect(section.getByRole("link", { name: "03 21 46 00 00" }).first()).toHaveAttribute("href", "tel:+33321460000");
      await expectNoCode(page);
    }
    // Gagarine chosen: its desk, never another EPCI's.
    await chooseGagarine(context, baseURL!);
    for (const path of ["/", "/code", "/connexion"]) {
      await page.goto(path);
      const section = page.getByRole("region", { name: t("fr", "getCard.title") });
      await expect(section.getByText(HELP_FR)).toBeVisible();
      await expect(section.getByText(ELSEWHERE)).toHaveCount(0);
      await expect(section.getByText(SPENT)).toHaveCount(0);
      await expectNoCode(page);
    }
    await page.goto("/");
    await expect(page.getByRole("region", { name: t("fr", "getCard.title") }).getByRole("link", { name: t("fr", "getCard.signupLink") })).toHaveAttribute("href", "/inscription");
  });

  test("an account awaiting verification is told who confirms it and where", async ({ page, context, baseURL }) => {
    await disableJavaScript(context);
    await setLanguage(context, baseURL!, "fr");
    await signIn(context, baseURL!, "e2e-pending");
    const epci = (await sqlOne<{ name: string }>("select epci.name from territory t join territory epci on epci.kind = 'epci' and epci.code = t.epci_code where t.code = 'bm-gagarine'")).name;
    await page.goto("/compte");
    const notice = page.getByRole("region", { name: t("fr", "verify.title") });
    await expect(notice).toBeVisible();
    await expect(notice).toContainText(`${t("fr", "verify.who")} ${epci}`);
    await expect(notice.getByText(HELP_FR)).toBeVisible();
    await expect(notice.getByText(t("fr", "verify.then"))).toBeVisible();
    await expect(notice.getByRole("link", { name: t("fr", "verify.enterCode") })).toHaveAttribute("href", "/code");
    await expectNoCode(page);
    // The consultation's notice names the verifier too.
    const open = (await sqlOne<{ id: number }>("select id from consultation where title like 'Beau Marais%' and title not like '%(démonstration)%' order by id limit 1")).id;
    await page.goto(`/consultations/${open}`);
    await expect(page.getByRole("region", { name: t("fr", "verify.title") }).getByText(HELP_FR)).toBeVisible();
  });
});

test.describe("phone ar", () => {
  test("the help text in its Arabic version, right to left, on /code, /connexion and home", async ({ page, context, baseURL }) => {
    await setLanguage(context, baseURL!, "ar");
    await chooseGagarine(context, baseURL!);
    for (const path of ["/", "/code", "/connexion"]) {
      await page.goto(path);
      await expect(page.locator("html")).toHaveAttribute("dir", "rtl");
      const section = page.getByRole("region", { name: t("ar", "getCard.title") });
      await expect(section.getByText(t("ar", "getCard.intro"))).toBeVisible();
      await expect(section.getByText(HELP_AR)).toBeVisible();
      await expect(section.getByText(HELP_FR)).toHaveCount(0);
    }
    await signIn(context, baseURL!, "e2e-pending");
    await page.goto("/compte");
    const notice = page.getByRole("region", { name: t("ar", "verify.title") });
    await expect(notice.getByText(HELP_AR)).toBeVisible();
    await expect(notice.getByText(t("ar", "verify.where"))).toBeVisible();
  });
});

test("staff rewrite the help text on the batch's page; the cards print the address and the identifier line, in French and Arabic, 10 per sheet", async ({ page, context, baseURL }) => {
  await setLanguage(context, baseURL!, "fr");
  await signIn(context, baseURL!, "agent-calais");
  await page.goto(`/staff/codes/${gagarine.id}`);
  // A blank French text is refused, with a summary linking to the field.
  await page.getByLabel(t("fr", "staff.helpText"), { exact: true }).fill("   ");
  await page.getByRole("button", { name: t("fr", "staff.helpSave") }).click();
  await expect(page.getByRole("alert")).toContainText(t("fr", "staff.helpNotSaved"));
  await page.getByLabel(t("fr", "staff.helpText"), { exact: true }).fill(HELP_FR);
  await page.getByLabel(t("fr", "staff.helpTextAr")).fill(HELP_AR);
  await page.getByRole("button", { name: t("fr", "staff.helpSave") }).click();
  await expect(page.getByRole("status")).toHaveText(t("fr", "staff.helpSaved"));

  const host = new URL(baseURL!).host;
  await page.goto(`/staff/codes/${gagarine.id}/cartes`);
  const cards = page.locator("article.card");
  await expect(cards).toHaveCount(12);
  await expect(cards.first().locator(".card-url")).toHaveText(`${host}/code`);
  await expect(cards.first().locator(".card-identifier")).toHaveText(t("fr", "cards.identifier"));
  await expect(cards.first().locator("[lang=ar]")).toHaveCount(0);
  await expect(cards.first()).toContainText(HELP_FR);

  // Arabic chosen on the print page (a GET form: works without JavaScript).
  await page.getByLabel(t("fr", "staff.cardsLanguage")).selectOption("ar");
  await page.getByRole("button", { name: t("fr", "staff.cardsShow") }).click();
  await expect(page).toHaveURL(/langue=ar/);
  await expect(cards).toHaveCount(12);
  const first = cards.first();
  await expect(first.locator(".card-url")).toHaveText(`${host}/code`);
  await expect(first.locator(".card-address")).toContainText(t("fr", "cards.address"));
  await expect(first.locator(".card-address [lang=ar]")).toHaveText(t("ar", "cards.address"));
  await expect(first.locator(".card-identifier")).toContainText(t("fr", "cards.identifier"));
  await expect(first.locator(".card-identifier [lang=ar]")).toHaveText(t("ar", "cards.identifier"));
  await expect(first.locator(".card-identifier .card-line")).toBeAttached();
  await expect(first.locator(".card-help [lang=ar]")).toContainText(HELP_AR);
  await expect(first.locator(".card-purpose [lang=ar]")).toHaveAttribute("dir", "rtl");
  // 12 cards: 2 A4 pages.
  await page.emulateMedia({ media: "print" });
  const pdf = await page.pdf({ format: "A4", preferCSSPageSize: true });
  expect((pdf.toString("latin1").match(/\/Type\s*\/Page[^s]/g) ?? []).length).toBe(2);
  // At the printed width, every line of the card is inside it: the help is not cut, the identifier line is at its foot.
  await page.setViewportSize({ width: 718, height: 1047 });
  const fit = await cards.evaluateAll((els) =>
    els.map((card) => {
      const body = card.querySelector(".card-body")!;
      const range = document.createRange();
      range.selectNodeContents(body);
      const textBottom = Math.max(...[...range.getClientRects()].map((r) => r.bottom));
      return { text: textBottom <= body.getBoundingClientRect().bottom + 0.5, line: card.querySelector(".card-identifier")!.getBoundingClientRect().bottom <= card.getBoundingClientRect().bottom + 0.5 };
    }),
  );
  expect(fit.every((f) => f.text && f.line), JSON.stringify(fit.slice(0, 2))).toBe(true);
  await page.emulateMedia({ media: "screen" });

  // An unknown language is refused with a clear message, the cards shown in French.
  const refused = await page.goto(`/staff/codes/${gagarine.id}/cartes?langue=de`);
  expect(refused?.status()).toBe(400);
  await expect(page.getByText(t("fr", "staff.cardsLanguageBad"))).toBeVisible();
});
