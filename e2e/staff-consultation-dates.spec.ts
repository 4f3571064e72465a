// Dates that make sense (issue 14, point 11), on a phone and without JavaScript: « Dupliquer »
// starts the copy as a draft with new dates, ahead; « Publier » refuses a window already over;
// a consultation published by mistake goes back to draft while nobody has answered.
import { expect, test } from "@playwright/test";
import { demoConsultation, disableJavaScript, publishedConsultation, signIn, sqlOne, t } from "./support.js";

test("duplicate, publish and unpublish keep the dates sensible", async ({ browser, baseURL }) => {
  const context = await browser.newContext({ viewport: { width: 390, height: 844 } });
  await disableJavaScript(context);
  await signIn(context, baseURL!, "agent-calais");
  const page = await context.newPage();

  // The closed demo, duplicated: a draft whose window starts tomorrow, details open to check.
  const closed = await demoConsultation("closed");
  await page.goto(`/staff/consultations/${closed}`);
  await page.getByRole("button", { name: t("fr", "cstaff.duplicate") }).click();
  await expect(page.getByRole("status")).toHaveText(t("fr", "cstaff.duplicated"));
  await expect(page.locator("main > p").first()).toContainText(t("fr", "consult.state.draft"));
  await expect(page.locator("details#details")).toHaveAttribute("open", "");
  const copy = Number(new URL(page.url()).pathname.split("/").pop());
  const dates = await sqlOne<{ opens_at: Date; closes_at: Date }>("select opens_at, closes_at from consultation where id = $1", [copy]);
  expect(dates.opens_at.getTime()).toBeGreaterThan(Date.now() + 23 * 3600_000);
  expect(dates.closes_at.getTime()).toBeGreaterThan(dates.opens_at.getTime());

  // A draft whose window is over: « Publier » says why it refuses, and nothing changes.
  await sqlOne("update consultation set opens_at = now() - interval '20 days', closes_at = now() - interval '1 day' where id = $1 returning id", [copy]);
  await page.goto(`/staff/consultations/${copy}`);
  await page.getByRole("button", { name: t("fr", "cstaff.publish"), exact: true }).click();
  await expect(page.getByRole("alert")).toHaveText(t("fr", "cstaff.errors.windowEnded"));
  expect((await sqlOne<{ status: string }>("select status from consultation where id = $1", [copy])).status).toBe("draft");

  // Published by mistake, no answer yet: back to draft; the button is gone once someone answered.
  const id = await publishedConsultation(`Publiée par erreur ${Date.now()}`, [{ kind: "scale", prompt: "Le square vous plaît-il ?" }]);
  await page.goto(`/staff/consultations/${id}`);
  await page.getByRole("button", { name: t("fr", "cstaff.unpublish") }).click();
  await expect(page.getByRole("status")).toHaveText(t("fr", "cstaff.unpublished"));
  await expect(page.locator("main > p").first()).toContainText(t("fr", "consult.state.draft"));
  await expect(page.getByRole("button", { name: t("fr", "cstaff.unpublish") })).toHaveCount(0);
  expect((await sqlOne<{ status: string }>("select status from consultation where id = $1", [id])).status).toBe("draft");
  const answered = await demoConsultation("answered");
  await page.goto(`/staff/consultations/${answered}`);
  await expect(page.getByRole("button", { name: t("fr", "cstaff.unpublish") })).toHaveCount(0);
  // Sent anyway (an old tab): refused with a message, still published.
  const forced = await page.request.post(`/staff/consultations/${answered}`, { form: { intent: "unpublish" } });
  expect(forced.status()).toBe(400);
  expect(await forced.text()).toContain(t("fr", "cstaff.errors.hasAnswers").replace(/'/g, "&#x27;").slice(0, 30));
  await context.close();
});
