// Errors in view (issue 14, point 7), with JavaScript on, on a phone: after a refused
// submission focus moves to the error summary, which links to each field in error; the staff
// « Ajouter une question » form is emptied after success, says what was added, and keeps the
// scroll position.
import { expect, test } from "@playwright/test";
import { demoConsultation, expectNoAxeViolations, newResident, signIn, sqlOne, t } from "./support.js";

test.use({ viewport: { width: 390, height: 844 } });

test("a refused answer moves focus to the summary, whose link leads to the question", async ({ page, context, baseURL }) => {
  await newResident(context, baseURL!, "bm-gagarine");
  const id = await demoConsultation("open");
  await page.goto(`/consultations/${id}`);
  await page.waitForLoadState("networkidle");
  const selects = page.locator(".rank-row select");
  await selects.nth(0).selectOption("1");
  await selects.nth(1).selectOption("1");
  await selects.nth(2).selectOption("3");
  await page.getByRole("button", { name: t("fr", "consult.submit") }).click();
  const summary = page.locator("#erreurs");
  await expect(summary.getByRole("heading")).toHaveText(t("fr", "consult.fixBelow"));
  await expect(summary).toBeFocused();
  const link = summary.getByRole("link", { name: t("fr", "consult.problemAt", { n: 1, problem: t("fr", "consult.problems.duplicateRank") }) });
  await link.click();
  await expect(selects.nth(0)).toBeFocused();
  await expectNoAxeViolations(page);
});

test("« Ajouter une question »: refused, the summary takes focus; added, the form is empty, says what was added, and the page stays where it was", async ({ page, context, baseURL }) => {
  await signIn(context, baseURL!, "agent-calais");
  const { id } = await sqlOne<{ id: number }>("select id from consultation where status = 'draft' and title like 'Brouillon%' order by id limit 1").catch(async () => {
    const staff = await sqlOne<{ id: number }>("select id from account where identifier = 'agent-calais'");
    const epci = await sqlOne<{ id: number }>("select id from territory where code = 'ca-grand-calais-terres-et-mers' and kind = 'epci'");
    return sqlOne<{ id: number }>("insert into consultation (epci_id, title, description, opens_at, closes_at, created_by) values ($1, $2, '', now() + interval '1 day', now() + interval '30 days', $3) returning id", [epci.id, `Brouillon ${Date.now()}`, staff.id]);
  });
  await page.goto(`/staff/consultations/${id}`);
  await page.waitForLoadState("networkidle");
  const form = page.locator("section[aria-labelledby='add-question-h'] form");
  // Refused: no prompt.
  await form.getByRole("button", { name: t("fr", "cstaff.addQuestion") }).click();
  const summary = page.locator("#erreurs");
  await expect(summary).toBeFocused();
  await expect(summary.getByRole("heading")).toHaveText(t("fr", "cstaff.notAdded"));
  await summary.getByRole("link").first().click();
  await expect(page.locator("#prompt")).toBeFocused();
  // Added: a scale question.
  const prompt = `Le square est-il propre ? ${Date.now()}`;
  await page.locator("#kind").selectOption("scale");
  await page.locator("#prompt").fill(prompt);
  const before = await page.evaluate(() => window.scrollY);
  expect(before).toBeGreaterThan(0);
  await form.getByRole("button", { name: t("fr", "cstaff.addQuestion") }).click();
  await expect(page.getByRole("status").filter({ hasText: prompt })).toHaveText(t("fr", "cstaff.questionAdded", { prompt }));
  await expect(page.locator("#prompt")).toHaveValue("");
  await expect(page.locator("#kind")).toHaveValue("single");
  await expect(page.locator("#erreurs")).toHaveCount(0);
  // Still at the form, not thrown back to the top of the page.
  expect(await page.evaluate(() => window.scrollY)).toBeGreaterThan(before / 2);
  await expect(page.locator("#add-question-h")).toBeInViewport();
});

test("a partial ranking says how many ranks are still to give", async ({ page, context, baseURL }) => {
  await newResident(context, baseURL!, "bm-gagarine");
  const id = await demoConsultation("open");
  await page.goto(`/consultations/${id}`);
  await page.locator(".rank-row select").nth(0).selectOption("1");
  await page.getByRole("button", { name: t("fr", "consult.submit") }).click();
  const left = t("fr", "consult.problems.ranksLeft_other", { count: 2 });
  await expect(page.locator("#erreurs").getByRole("link")).toHaveText([t("fr", "consult.problemAt", { n: 1, problem: left })]);
  await expect(page.locator("fieldset .error")).toHaveText(left);
});
