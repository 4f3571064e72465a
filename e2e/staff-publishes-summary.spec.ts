// The « synthèse », on a phone and without JavaScript: staff write what residents said and
// what will be done (with easy-read and Arabic versions) while the consultation is open; it
// cannot be published before the close; once closed and published, residents read it with
// the results and on the consultation's page, in their version; the QPV page links to it;
// the Beau Marais conseil citoyen co-signs it (a later rewrite shows the signature as given
// to an earlier version); withdrawn, it is gone from the public pages.
import { expect, test } from "@playwright/test";
import { disableJavaScript, expectNoAxeViolations, signIn, sqlOne, squareConsultation, t, territoryId } from "./support.js";

const SAID = "Vous demandez d'abord des bancs à l'ombre près des jeux.";
const SAID_FALC = "Vous voulez des bancs. Vous voulez de l'ombre.";
const SAID_AR = "تطلبون أولًا مقاعد في الظل قرب الألعاب.";
const NEXT = "La ville installe quatre bancs et deux arbres avant l'été.";

test("staff publish a summary once the consultation is closed; residents read it in their version", async ({ browser, baseURL }) => {
  test.setTimeout(120_000);
  const phone = { viewport: { width: 390, height: 844 } };
  const { id } = await squareConsultation(`Square Matisse ${Date.now()}`);

  const staffCtx = await browser.newContext(phone);
  await disableJavaScript(staffCtx);
  await signIn(staffCtx, baseURL!, "agent-calais");
  const staff = await staffCtx.newPage();
  await staff.goto(`/staff/consultations/${id}`);
  const section = staff.getByRole("region", { name: t("fr", "cstaff.summary") });
  await expect(section).toContainText(t("fr", "cstaff.summaryNone"));
  // A missing « ce qui va être fait » is refused with its message; what was typed stays.
  await section.getByLabel(t("fr", "cstaff.summaryFields.said"), { exact: true }).fill(SAID);
  await section.getByRole("button", { name: t("fr", "cstaff.summarySave") }).click();
  const again = staff.getByRole("region", { name: t("fr", "cstaff.summary") });
  await expect(again.getByLabel(t("fr", "cstaff.summaryFields.nextSteps"), { exact: true })).toHaveAccessibleDescription(t("fr", "forms.required"));
  await expect(again.getByLabel(t("fr", "cstaff.summaryFields.said"), { exact: true })).toHaveValue(SAID);
  await expect(again.getByLabel(t("fr", "cstaff.summaryFields.saidFalc"))).toHaveAccessibleDescription(t("fr", "cstaff.falcHint"));
  await again.getByLabel(t("fr", "cstaff.summaryFields.saidFalc")).fill(SAID_FALC);
  await again.getByLabel(t("fr", "cstaff.summaryFields.saidAr")).fill(SAID_AR);
  await expect(again.getByLabel(t("fr", "cstaff.summaryFields.saidAr"))).toHaveAttribute("lang", "ar");
  await again.getByLabel(t("fr", "cstaff.summaryFields.nextSteps"), { exact: true }).fill(NEXT);
  await again.getByRole("button", { name: t("fr", "cstaff.summarySave") }).click();
  await expect(staff.getByRole("status")).toHaveText(t("fr", "cstaff.summarySaved"));
  await expect(staff.getByRole("region", { name: t("fr", "cstaff.summary") })).toContainText(t("fr", "cstaff.summaryIsDraft"));
  await expectNoAxeViolations(staff);

  // Not while it is open.
  await staff.getByRole("button", { name: t("fr", "cstaff.summaryPublish") }).click();
  await expect(staff.getByRole("alert")).toHaveText(t("fr", "cstaff.errors.summaryBeforeClose"));
  expect((await sqlOne<{ n: number }>(`select count(*)::int as n from consultation_summary where consultation_id = $1 and published_at is not null`, [id])).n).toBe(0);
  expect((await (await staff.request.get(`/consultations/${id}/resultats.json`)).json()).summary).toBeNull();

  // Closed, then published.
  await staff.goto(`/staff/consultations/${id}`);
  await staff.getByRole("button", { name: t("fr", "cstaff.closeEarly") }).click();
  await staff.getByRole("button", { name: t("fr", "cstaff.summaryPublish") }).click();
  await expect(staff.getByRole("status")).toHaveText(t("fr", "cstaff.summaryPublishedNotice"));
  const audit = await sqlOne<{ actions: string[] }>(
    `select array_agg(action order by id) as actions from audit_event where target_type = 'consultation' and target_id = $1::text and action like 'consultation.summary%'`,
    [id],
  );
  expect(audit.actions).toEqual(["consultation.summary_save", "consultation.summary_publish"]);
  // Staff's list says which closed consultations have their summary out.
  await staff.goto("/staff/consultations");
  await expect(staff.getByRole("listitem").filter({ has: staff.locator(`a[href="/staff/consultations/${id}"]`) })).toContainText(t("fr", "cstaff.summaryState.published"));

  // The public, in French, easy-read, and Arabic.
  const pubCtx = await browser.newContext(phone);
  await disableJavaScript(pubCtx);
  const pub = await pubCtx.newPage();
  await pub.goto(`/consultations/${id}/resultats`);
  const summary = pub.getByRole("region", { name: t("fr", "consult.summary") });
  await expect(summary.getByRole("heading", { name: t("fr", "consult.summarySaid") })).toBeVisible();
  await expect(summary).toContainText(SAID);
  await expect(summary).toContainText(NEXT);
  await expectNoAxeViolations(pub);
  await pub.goto(`/consultations/${id}`);
  await expect(pub.getByRole("region", { name: t("fr", "consult.summary") })).toContainText(NEXT);
  // The QPV page's latest results link to it.
  await pub.goto(`/quartiers/${await territoryId("qpv-beau-marais")}`);
  await expect(pub.locator(`[data-consultation="${id}"]`).getByRole("link", { name: t("fr", "consult.summaryLink") })).toHaveAttribute("href", `/consultations/${id}/resultats#summary-h`);

  await pubCtx.addCookies([{ name: "falc", value: "1", url: baseURL! }]);
  await pub.goto(`/consultations/${id}/resultats`);
  await expect(pub.getByRole("region", { name: t("fr", "consult.summary") })).toContainText(SAID_FALC);
  await pubCtx.clearCookies();
  await pub.goto(`/consultations/${id}/resultats?lng=ar`);
  const ar = pub.getByRole("region", { name: t("ar", "consult.summary") });
  await expect(ar).toContainText(SAID_AR);
  // Where no Arabic version was written, the French one, marked as French.
  await expect(ar.getByText(NEXT)).toHaveAttribute("lang", "fr");
  await expectNoAxeViolations(pub);

  // The Beau Marais council co-signs it, on a phone without JavaScript.
  const councilCtx = await browser.newContext(phone);
  await disableJavaScript(councilCtx);
  await signIn(councilCtx, baseURL!, "conseil-beaumarais");
  const council = await councilCtx.newPage();
  // Their account page lists it among the summaries to co-sign, and leads to it.
  await council.goto("/compte");
  const toSign = council.getByRole("region", { name: t("fr", "account.toSign") });
  await expect(toSign).toBeVisible();
  await expectNoAxeViolations(council);
  await toSign.locator(`a[href="/consultations/${id}/resultats#summary-h"]`).click();
  await expect(council).toHaveURL(new RegExp(`/consultations/${id}/resultats#summary-h$`));
  const sign = council.getByRole("button", { name: `${t("fr", "consult.cosign")} Beau Marais` });
  await expectNoAxeViolations(council);
  await sign.click();
  await expect(council.getByRole("status")).toHaveText(t("fr", "consult.cosignDone"));
  const signatures = council.locator("ul.signatures li");
  await expect(signatures).toHaveCount(1);
  await expect(signatures.first()).toContainText(`${t("fr", "consult.cosignedBy")} Beau Marais (`);
  await expect(sign).toHaveCount(0);
  await council.goto("/compte");
  await expect(council.locator(`a[href="/consultations/${id}/resultats#summary-h"]`)).toHaveCount(0);
  // Staff change the text afterwards: the signature is shown as given to an earlier version, and the council may sign again.
  await staff.goto(`/staff/consultations/${id}`);
  await staff.getByLabel(t("fr", "cstaff.summaryFields.nextSteps"), { exact: true }).fill(`${NEXT} Et une fontaine.`);
  await staff.getByRole("button", { name: t("fr", "cstaff.summarySave") }).click();
  await expect(staff.getByRole("status")).toHaveText(t("fr", "cstaff.summarySaved"));
  await council.goto(`/consultations/${id}/resultats`);
  await expect(council.locator("ul.signatures li").first()).toContainText(`${t("fr", "consult.cosignedEarlier")} Beau Marais (`);
  await expect(sign).toBeVisible();
  // The JSON export carries the published summary, every version, and the signature as it stands.
  const exported = (await (await council.request.get(`/consultations/${id}/resultats.json`)).json()).summary;
  expect(exported.said).toEqual({ fr: SAID, falc: SAID_FALC, en: null, ar: SAID_AR });
  expect(exported.nextSteps.fr).toBe(`${NEXT} Et une fontaine.`);
  expect(exported.cosignedBy.map((g: { qpv: string; onThisText: boolean }) => [g.qpv, g.onThisText])).toEqual([["Beau Marais", false]]);
  await councilCtx.close();

  // With JavaScript and speech synthesis, « Écouter » reads each text aloud; without, no dead button.
  const jsCtx = await browser.newContext(phone);
  const jsPage = await jsCtx.newPage();
  await jsPage.goto(`/consultations/${id}/resultats`);
  const hasSpeech = await jsPage.evaluate(() => "speechSynthesis" in window && "SpeechSynthesisUtterance" in window);
  await expect(jsPage.getByRole("region", { name: t("fr", "consult.summary") }).getByRole("button", { name: t("fr", "consult.listen") })).toHaveCount(hasSpeech ? 2 : 0);
  await jsCtx.close();
  await pub.goto(`/consultations/${id}/resultats?lng=fr`);
  await expect(pub.getByRole("region", { name: t("fr", "consult.summary") }).getByRole("button", { name: t("fr", "consult.listen") })).toHaveCount(0);

  // Withdrawn: gone from the public pages.
  await staff.goto(`/staff/consultations/${id}`);
  await staff.getByRole("button", { name: t("fr", "cstaff.summaryUnpublish") }).click();
  await expect(staff.getByRole("status")).toHaveText(t("fr", "cstaff.summaryUnpublishedNotice"));
  await pub.goto(`/consultations/${id}/resultats?lng=fr`);
  await expect(pub.getByRole("heading", { level: 1 })).toHaveText(t("fr", "consult.resultsTitle"));
  await expect(pub.getByText(SAID)).toHaveCount(0);
  await staffCtx.close();
  await pubCtx.close();
});
