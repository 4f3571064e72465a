// Free texts, on a phone and without JavaScript: two residents write one (one in Arabic, one
// in French); nobody sees them until staff read them; staff publish one and refuse the
// other, each leaving an audit record; the results then show the published text alone,
// apart from the other answers, marked with the language its letters are in.
import { expect, test } from "@playwright/test";
import { disableJavaScript, expectNoAxeViolations, newResident, signIn, sqlOne, squareConsultation, t } from "./support.js";

const ARABIC = "نريد مقاعد وظلاً للعائلات في الحديقة";
const FRENCH = `Un point d'eau près des jeux ${Date.now()}`;

test("a free text is public only once staff publish it, alone, in its own language", async ({ browser, baseURL }) => {
  test.setTimeout(120_000);
  const phone = { viewport: { width: 390, height: 844 } };
  const { id, options } = await squareConsultation(`Idées pour le square ${Date.now()}`, { freeText: true });

  for (const [i, text] of [ARABIC, FRENCH].entries()) {
    const ctx = await browser.newContext(phone);
    await disableJavaScript(ctx);
    await newResident(ctx, baseURL!, "bm-gagarine");
    const page = await ctx.newPage();
    await page.goto(`/consultations/${id}`);
    await page.getByLabel(options[i]!).check();
    await page.getByLabel("Votre idée pour le square ?").fill(text);
    await page.getByRole("button", { name: t("fr", "consult.submit") }).click();
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(t("fr", "consult.saved"));
    // The confirmation gives the resident their own text back, in its language.
    const own = page.getByText(text, { exact: true });
    await expect(own).toHaveAttribute("dir", "auto");
    if (text === ARABIC) await expect(own).toHaveAttribute("lang", "ar");
    else await expect(own).not.toHaveAttribute("lang", /./);
    await ctx.close();
  }

  // Before staff read them, the public results hold neither text.
  const pubCtx = await browser.newContext(phone);
  await disableJavaScript(pubCtx);
  const pub = await pubCtx.newPage();
  await pub.goto(`/consultations/${id}/resultats`);
  await expect(pub.locator("ul.texts li")).toHaveCount(0);
  await expect(pub.getByText(ARABIC)).toHaveCount(0);

  // Staff read both, publish the Arabic one and refuse the French one.
  const staffCtx = await browser.newContext(phone);
  await disableJavaScript(staffCtx);
  await signIn(staffCtx, baseURL!, "agent-calais");
  const staff = await staffCtx.newPage();
  await staff.goto(`/staff/consultations/${id}`);
  const pending = staff.getByRole("region", { name: t("fr", "cstaff.pendingTexts_other", { count: 2 }) });
  await expect(pending.getByRole("listitem")).toHaveCount(2);
  await expect(pending.getByText(ARABIC)).toHaveAttribute("lang", "ar");
  await expectNoAxeViolations(staff);
  await pending.getByRole("listitem").filter({ hasText: ARABIC }).getByRole("button", { name: t("fr", "cstaff.approveText") }).click();
  await expect(staff.getByRole("region", { name: t("fr", "cstaff.pendingTexts_one", { count: 1 }) }).getByRole("listitem")).toHaveCount(1);
  await staff.getByRole("listitem").filter({ hasText: FRENCH }).getByRole("button", { name: t("fr", "cstaff.rejectText") }).click();
  await expect(staff.getByText(FRENCH)).toHaveCount(0);
  const audits = await sqlOne<{ approved: number; rejected: number }>(
    `select count(*) filter (where action = 'consultation.text_approved')::int as approved, count(*) filter (where action = 'consultation.text_rejected')::int as rejected
     from audit_event where target_type = 'consultation' and target_id = $1::text`,
    [id],
  );
  expect(audits).toEqual({ approved: 1, rejected: 1 });
  await staffCtx.close();

  // The results show the published text alone (no option, no place, no name with it), in Arabic.
  await pub.reload();
  const texts = pub.locator("ul.texts li");
  await expect(texts).toHaveCount(1);
  await expect(texts.first()).toHaveText(ARABIC);
  await expect(texts.first()).toHaveAttribute("lang", "ar");
  await expect(pub.getByText(FRENCH)).toHaveCount(0);
  await expectNoAxeViolations(pub);
  await pubCtx.close();
});
