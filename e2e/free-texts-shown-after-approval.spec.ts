// Free texts, on a phone and without JavaScript: two residents write one (one in Arabic, one
// in French); nobody sees them until they are read; staff publish one, the quartier's
// moderator refuses the other with a reason (it stays stored), each leaving an audit record;
// the results then show the published text alone, apart from the other answers, marked with
// the language its letters are in.
import { expect, test, type BrowserContext } from "@playwright/test";
import { disableJavaScript, expectNoAxeViolations, newResident, signIn, sqlOne, squareConsultation, t } from "./support.js";

const ARABIC = "نريد مقاعد وظلاً للعائلات في الحديقة";
const FRENCH = `Un point d'eau près des jeux ${Date.now()}`;

test("a free text is public only once staff publish it, alone, in its own language", async ({ browser, baseURL }) => {
  test.setTimeout(120_000);
  const phone = { viewport: { width: 390, height: 844 } };
  const { id, options } = await squareConsultation(`Idées pour le square ${Date.now()}`, { freeText: true });

  const authors: BrowserContext[] = [];
  for (const [i, text] of [ARABIC, FRENCH].entries()) {
    const ctx = await browser.newContext(phone);
    authors.push(ctx);
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
    if (text === ARABIC) {
      await expect(own).toHaveAttribute("lang", "ar");
      await expect(own).toHaveAttribute("dir", "rtl");
    } else {
      await expect(own).not.toHaveAttribute("lang", /./);
      await expect(own).toHaveAttribute("dir", "auto");
    }
    // And says it waits to be read.
    await expect(page.locator(".summary-list")).toContainText(t("fr", "consult.textStatus.pending"));
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
  await staffCtx.close();

  // The Beau Marais moderator, on a phone without JavaScript, finds the other one from the
  // header; it cannot be refused without a reason; refused, it stays stored with its reason.
  const modCtx = await browser.newContext(phone);
  await disableJavaScript(modCtx);
  await signIn(modCtx, baseURL!, "moderation-beaumarais");
  const mod = await modCtx.newPage();
  await mod.goto("/");
  await mod.getByRole("navigation", { name: t("fr", "layout.mainNav") }).getByRole("link", { name: t("fr", "layout.navModeration") }).click();
  await expect(mod.getByRole("heading", { level: 1 })).toHaveText(t("fr", "moderation.title"));
  // The texts waiting (the ones already read are folded away below them).
  const waiting = mod.locator("ul.cards:not(details ul) > li");
  const item = waiting.filter({ hasText: FRENCH });
  await expect(item).toHaveCount(1);
  await expect(waiting.filter({ hasText: ARABIC })).toHaveCount(0);
  await expectNoAxeViolations(mod);
  await item.getByRole("button", { name: t("fr", "moderation.reject") }).click();
  await expect(mod.getByRole("alert")).toHaveText(t("fr", "moderation.errors.reasonNeeded"));
  await waiting.filter({ hasText: FRENCH }).getByLabel(t("fr", "moderation.reason")).selectOption("off_topic");
  await waiting.filter({ hasText: FRENCH }).getByRole("button", { name: t("fr", "moderation.reject") }).click();
  await expect(mod.getByRole("status")).toHaveText(t("fr", "moderation.refused"));
  await expect(waiting.filter({ hasText: FRENCH })).toHaveCount(0);
  expect(await sqlOne(`select text_status, text_reason from answer where text = $1`, [FRENCH])).toEqual({ text_status: "rejected", text_reason: "off_topic" });
  // It stays within the moderator's reach, with its reason, should they change their mind.
  await mod.locator("details.read-texts > summary").click();
  await expect(mod.locator("details.read-texts li").filter({ hasText: FRENCH })).toContainText(t("fr", "moderation.refusedBecause", { reason: t("fr", "moderation.reasons.off_topic") }));
  // A published one can only be taken back.
  const published = mod.locator("details.read-texts li").filter({ hasText: ARABIC });
  await expect(published).toContainText(t("fr", "moderation.isPublished"));
  await expect(published.getByRole("button", { name: t("fr", "moderation.approve") })).toHaveCount(0);
  await expect(published.getByRole("button", { name: t("fr", "moderation.reject") })).toHaveCount(1);
  await expectNoAxeViolations(mod);
  await modCtx.close();
  // Its author learns it, and why, on their confirmation page; the other author, that theirs is out.
  const [arabicAuthor, frenchAuthor] = await Promise.all(authors.map((c) => c.newPage()));
  await frenchAuthor!.goto(`/consultations/${id}/merci`);
  await expect(frenchAuthor!.locator(".summary-list")).toContainText(t("fr", "consult.textRejected", { reason: t("fr", "moderation.reasons.off_topic") }));
  await arabicAuthor!.goto(`/consultations/${id}/merci`);
  await expect(arabicAuthor!.locator(".summary-list")).toContainText(t("fr", "consult.textStatus.approved"));
  for (const c of authors) await c.close();
  const audits = await sqlOne<{ roles: string[] }>(
    `select array_agg(action || ' ' || actor_role order by id) as roles from audit_event where target_type = 'consultation' and target_id = $1::text and action like 'consultation.text_%'`,
    [id],
  );
  expect(audits.roles).toEqual(["consultation.text_approved staff", "consultation.text_rejected moderator"]);

  // The results show the published text alone (no option, no place, no name with it), in Arabic.
  await pub.reload();
  const texts = pub.locator("ul.texts li");
  await expect(texts).toHaveCount(1);
  await expect(texts.first()).toHaveText(ARABIC);
  await expect(texts.first()).toHaveAttribute("lang", "ar");
  await expect(pub.getByText(FRENCH)).toHaveCount(0);
  await expectNoAxeViolations(pub);

  // Nothing was lost: staff find the refused text with its reason among the texts already
  // read, and may publish it after all.
  const againCtx = await browser.newContext(phone);
  await disableJavaScript(againCtx);
  await signIn(againCtx, baseURL!, "agent-calais");
  const again = await againCtx.newPage();
  await again.goto(`/staff/consultations/${id}`);
  await again.getByText(t("fr", "cstaff.readTexts", { published: t("fr", "cstaff.textsPublished_one", { count: 1 }), refused: t("fr", "cstaff.textsRefused_one", { count: 1 }) })).click();
  const refused = again.getByRole("listitem").filter({ hasText: FRENCH });
  await expect(refused).toContainText(t("fr", "cstaff.refusedBecause", { reason: t("fr", "moderation.reasons.off_topic") }));
  await expectNoAxeViolations(again);
  await refused.getByRole("button", { name: t("fr", "moderation.approve") }).click();
  await againCtx.close();
  await pub.reload();
  await expect(pub.locator("ul.texts li")).toHaveCount(2);
  await pubCtx.close();
});
