// A resident answers the demo ranking on a phone: big controls, a duplicate rank refused
// with the values kept (no JavaScript), the confirmation, « Modifier » filled in, and
// « Écouter » only where speech synthesis exists.
import { expect, test } from "@playwright/test";
import { demoConsultation, disableJavaScript, expectNoAxeViolations, formatCode, gagarineBatch, newResident, setLanguage, sqlOne, squareConsultation, staffAddsQuestion, t, typedBallotFor } from "./support.js";

test.describe("JavaScript off", () => {
  test.use({ javaScriptEnabled: false });

  test("duplicate rank refused, values kept; then saved, and Modifier shows the answer", async ({ page, context, baseURL }) => {
    await disableJavaScript(context);
    await newResident(context, baseURL!, "bm-gagarine");
    const id = await demoConsultation("open");
    await page.goto("/");
    // From the home page: the open consultation of my quartier is one tap away.
    await page.getByRole("region", { name: t("fr", "consult.openHere") }).locator(`a[href="/consultations/${id}"]`).click();
    await expect(page).toHaveURL(new RegExp(`/consultations/${id}$`));
    await expect(page.getByRole("button", { name: t("fr", "consult.listen") })).toHaveCount(0);
    const selects = page.locator(".rank-row select");
    await selects.nth(0).selectOption("1");
    await selects.nth(1).selectOption("1");
    await selects.nth(2).selectOption("3");
    await page.getByRole("button", { name: t("fr", "consult.submit") }).click();
    // The error summary, at the top, links to the question in error (Post/Redirect/Get: the URL is the form's).
    const summary = page.getByRole("alert").filter({ has: page.getByRole("heading", { name: t("fr", "consult.fixBelow") }) });
    await expect(summary.getByRole("link")).toHaveText([t("fr", "consult.problemAt", { n: 1, problem: t("fr", "consult.problems.duplicateRank") })]);
    await expect(page).toHaveURL(new RegExp(`/consultations/${id}\\?corriger=1#erreurs$`));
    await expect(page.locator("fieldset .error")).toHaveText(t("fr", "consult.problems.duplicateRank"));
    await expect(selects.nth(0)).toHaveValue("1");
    await expect(selects.nth(2)).toHaveValue("3");
    await selects.nth(1).selectOption("2");
    await page.getByRole("button", { name: t("fr", "consult.submit") }).click();
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(t("fr", "consult.saved"));
    // Back, after the corrected answer was recorded: the page no longer says it is not.
    await page.goBack();
    await expect(page.getByRole("status").filter({ hasText: t("fr", "consult.alreadyAnswered").split(".")[0]! })).toBeVisible();
    await expect(page.getByText(t("fr", "consult.fixBelow"))).toHaveCount(0);
    await expect(page.getByText(t("fr", "consult.problems.duplicateRank"))).toHaveCount(0);
    await expect(page.locator(".rank-row select").nth(1)).toHaveValue("2");
    await page.goForward();
    await page.getByRole("link", { name: t("fr", "consult.modify") }).click();
    await expect(page.locator(".rank-row select").nth(1)).toHaveValue("2");
    await expect(page.getByRole("button", { name: t("fr", "consult.update") })).toBeVisible();
  });
});

// The app's scripts are blocked (no JavaScript state); the browser's own stays on for axe.
test.describe("JavaScript off, in Arabic and English", () => {
  // Staff write in French and may add English or Arabic: a text shown in French inside an
  // Arabic page is marked lang="fr" dir="ltr" (voice and punctuation), in an English page lang="fr".
  test("staff texts in French are marked as French on the answer, confirmation and results pages", async ({ page, context, baseURL }) => {
    await disableJavaScript(context);
    await setLanguage(context, baseURL!, "ar");
    await newResident(context, baseURL!, "bm-gagarine");
    const title = `Le square en arabe ${Date.now()}`;
    const { id, options } = await squareConsultation(title);
    await page.goto(`/consultations/${id}`);
    await expect(page.locator("h1")).toHaveText(title);
    await expect(page.locator("h1")).toHaveAttribute("lang", "fr");
    await expect(page.locator("h1")).toHaveAttribute("dir", "ltr");
    const prompt = page.locator("legend [lang=fr]");
    await expect(prompt).toHaveText("Que faut-il d'abord au square ?");
    await expect(prompt).toHaveAttribute("dir", "ltr");
    const label = page.locator(`label[for] [lang=fr][dir=ltr]`).filter({ hasText: options[1]! });
    await expect(label).toHaveCount(1);
    await page.getByLabel(options[1]!).check();
    await page.getByRole("button", { name: t("ar", "consult.submit") }).click();
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(t("ar", "consult.saved"));
    await expect(page.locator("dt")).toHaveAttribute("dir", "ltr");
    await expect(page.locator("dd [lang=fr]")).toHaveText(options[1]!);
    await expect(page.locator("dd [lang=fr]")).toHaveAttribute("dir", "ltr");
    await expectNoAxeViolations(page);
    await page.goto(`/consultations/${id}/resultats`);
    await expect(page.locator(".result-question h2 [lang=fr]")).toHaveAttribute("dir", "ltr");
    // One answer so far: no figure of it is shown to anyone (the secret of the vote).
    await expect(page.locator(".result-question table")).toHaveCount(0);
    await expect(page.locator(".result-question .notice")).toHaveText(t("ar", "consult.questionHidden"));
    await expectNoAxeViolations(page);

    // In English the options have an English version: those carry no lang of their own.
    await setLanguage(context, baseURL!, "en");
    await page.goto(`/consultations/${id}`);
    await expect(page.locator("h1")).toHaveAttribute("lang", "fr");
    await expect(page.locator("h1")).not.toHaveAttribute("dir", /./);
    await expect(page.getByLabel(`${options[1]} (en)`)).toBeChecked();
    await expect(page.locator("label[for] [lang]")).toHaveCount(0);
  });
});

test.describe("JavaScript off, counting page loads", () => {
  test.use({ javaScriptEnabled: false });

  test("from the home page to the confirmation in at most 4 page loads", async ({ page, context, baseURL }) => {
    await disableJavaScript(context);
    await newResident(context, baseURL!, "bm-gagarine");
    const id = await demoConsultation("open");
    // Every document the browser loads in the tab, redirect hops included.
    const loads: string[] = [];
    page.on("request", (r) => {
      if (r.isNavigationRequest() && r.frame() === page.mainFrame()) loads.push(`${r.method()} ${new URL(r.url()).pathname}`);
    });
    await page.goto("/");
    await page.getByRole("region", { name: t("fr", "consult.openHere") }).locator(`a[href="/consultations/${id}"]`).click();
    const selects = page.locator(".rank-row select");
    for (let i = 0; i < 3; i++) await selects.nth(i).selectOption(String(i + 1));
    await page.getByRole("button", { name: t("fr", "consult.submit") }).click();
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(t("fr", "consult.saved"));
    expect(loads).toEqual(["GET /", `GET /consultations/${id}`, `POST /consultations/${id}`, `GET /consultations/${id}/merci`]);
  });

  test("a code redeemed from a consultation leads back to it once the identifier is shown", async ({ page, context }) => {
    await disableJavaScript(context);
    const id = await demoConsultation("open");
    const { codes } = await gagarineBatch(1);
    await page.goto(`/consultations/${id}`);
    await page.getByRole("link", { name: t("fr", "login.haveCode") }).click();
    await page.getByLabel(t("fr", "code.code")).fill(formatCode(codes[0]!));
    await page.getByRole("button", { name: t("fr", "code.check") }).click();
    await page.getByLabel(t("fr", "code.displayName")).fill("Nadia");
    await page.getByRole("button", { name: t("fr", "code.redeem") }).click();
    await expect(page.locator("#new-pin")).toHaveText(/^\d{6}$/);
    await page.getByRole("link", { name: t("fr", "newPin.continue") }).click();
    await expect(page.getByRole("status").filter({ hasText: t("fr", "account.welcome") })).toBeVisible();
    await page.getByRole("link", { name: t("fr", "account.continue") }).click();
    await expect(page).toHaveURL(new RegExp(`/consultations/${id}$`));
    await expect(page.locator(".rank-row select").first()).toBeVisible();
  });

  test("a foreign redirectTo is ignored after redemption", async ({ page, context }) => {
    await disableJavaScript(context);
    const { codes } = await gagarineBatch(1);
    await page.goto(`/code?redirectTo=${encodeURIComponent("https://evil.example/")}&code=${codes[0]}`);
    await page.getByLabel(t("fr", "code.displayName")).fill("Karim");
    await page.getByRole("button", { name: t("fr", "code.redeem") }).click();
    await page.getByRole("link", { name: t("fr", "newPin.continue") }).click();
    await expect(page).toHaveURL(/\/compte\?bienvenue=1$/);
    await expect(page.getByRole("link", { name: t("fr", "account.continue") })).toHaveCount(0);
  });
});

test("answer controls are at least 44×44 px, and « Écouter » appears with speech synthesis", async ({ page, context, baseURL }) => {
  await newResident(context, baseURL!, "bm-gagarine");
  await page.goto(`/consultations/${await demoConsultation("open")}`);
  const hasSpeech = await page.evaluate(() => "speechSynthesis" in window);
  await expect(page.getByRole("button", { name: t("fr", "consult.listen") })).toHaveCount(hasSpeech ? 1 : 0);
  for (const control of await page.locator(".rank-row select, button[type=submit].big").all()) {
    const box = (await control.boundingBox())!;
    expect(box.height).toBeGreaterThanOrEqual(44);
    expect(box.width).toBeGreaterThanOrEqual(44);
  }
});

test("JavaScript off: questions changed by staff while the page was open: nothing is saved, the page shows the new questions and keeps the choice", async ({ page, context, baseURL }) => {
  await disableJavaScript(context);
  await newResident(context, baseURL!, "bm-gagarine");
  const { id, options } = await squareConsultation(`Square en travaux ${Date.now()}`);
  await page.goto(`/consultations/${id}`);
  await page.getByLabel(options[2]!).check();
  // Before anyone answered, staff add a question.
  await staffAddsQuestion(id, { kind: "scale", prompt: "Le square vous plaît-il ?" });
  await page.getByRole("button", { name: t("fr", "consult.submit") }).click();
  await expect(page.getByRole("alert")).toHaveText(t("fr", "consult.errors.changed"));
  expect((await sqlOne<{ n: number }>(`select count(*)::int as n from response where consultation_id = $1`, [id])).n).toBe(0);
  await expect(page.getByRole("group", { name: /Le square vous plaît-il/ })).toBeVisible();
  await expect(page.getByLabel(options[2]!)).toBeChecked();
  await expectNoAxeViolations(page);
  // Answered again with the questions as they are now: saved.
  await page.getByRole("group", { name: /Le square vous plaît-il/ }).getByLabel(t("fr", "consult.scale.4")).check();
  await page.getByRole("button", { name: t("fr", "consult.submit") }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(t("fr", "consult.saved"));
});

test("JavaScript off: my account lists the consultations I answered, with a way to change my answer while it is open", async ({ page, context, baseURL }) => {
  await disableJavaScript(context);
  await newResident(context, baseURL!, "bm-gagarine");
  await page.goto("/compte");
  const mine = page.getByRole("region", { name: t("fr", "account.participations") });
  await expect(mine).toContainText(t("fr", "account.noParticipation"));
  const { id, options } = await squareConsultation(`Square de mon compte ${Date.now()}`);
  await page.goto(`/consultations/${id}`);
  await page.getByLabel(options[0]!).check();
  await page.getByRole("button", { name: t("fr", "consult.submit") }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(t("fr", "consult.saved"));
  await page.goto("/compte");
  const item = mine.locator(`[data-consultation="${id}"]`);
  await expect(item).toContainText(t("fr", "consult.state.open"));
  await expect(item.getByRole("link", { name: t("fr", "account.changeAnswer") })).toHaveAttribute("href", `/consultations/${id}`);
  await expect(item.getByRole("link", { name: t("fr", "consult.seeResults") })).toHaveAttribute("href", `/consultations/${id}/resultats`);
  await expect(mine).not.toContainText(t("fr", "account.noParticipation"));
  await expectNoAxeViolations(page);
});

test("JavaScript off: a visitor reads a consultation's questions and options before signing in", async ({ browser }) => {
  const context = await browser.newContext({ viewport: { width: 390, height: 844 } });
  await disableJavaScript(context);
  const page = await context.newPage();
  const id = await demoConsultation("open");
  await page.goto(`/consultations/${id}`);
  const preview = page.getByRole("region", { name: t("fr", "consult.questionsPreview_one") });
  await expect(preview.locator("legend").filter({ hasText: "Classez les 3 actions les plus importantes pour vous" })).toBeVisible();
  await expect(preview.getByText("Prévenir les violences, le harcèlement et les risques psycho-sociaux liés.")).toBeVisible();
  await expect(preview.locator("select").first()).toBeDisabled();
  await expect(page.getByRole("button", { name: t("fr", "consult.submit") })).toHaveCount(0);
  await expect(page.getByRole("link", { name: t("fr", "layout.navLogin") }).first()).toBeVisible();
  await expectNoAxeViolations(page);
  await context.close();
});

test("JavaScript off: a resident whose paper ballot was typed is told so on the form, which no longer offers to answer", async ({ browser, baseURL }) => {
  const context = await browser.newContext({ viewport: { width: 390, height: 844 } });
  await disableJavaScript(context);
  const identifier = await newResident(context, baseURL!, "bm-gagarine");
  const { id } = await squareConsultation(`Square papier ${Date.now()}`);
  await typedBallotFor(id, identifier, "0007");
  const page = await context.newPage();
  await page.goto(`/consultations/${id}`);
  await expect(page.getByRole("status").filter({ hasText: t("fr", "consult.errors.votedOnPaper") })).toBeVisible();
  await expect(page.getByRole("button", { name: t("fr", "consult.submit") })).toHaveCount(0);
  await expect(page.getByRole("button", { name: t("fr", "consult.update") })).toHaveCount(0);
  await expectNoAxeViolations(page);
  await context.close();
});
