// Staff build a top-3 ranking from the Beau Marais priority « La prévention pour mieux
// grandir » with live results and open it; seven residents answer on phones (one without
// JavaScript, one with « Facile à lire »); the results give the Borda points computed by
// hand, figures for Gagarine, « moins de 5 » elsewhere; the linked objective shows them.
// Staff give an option from the priority its FALC label before opening, and once answers
// exist (JavaScript off) change another's FALC label and its objectives, but not its label.
import { expect, test, type Browser } from "@playwright/test";
import { disableJavaScript, expectNoAxeViolations, newResident, setLanguage, signIn, sqlOne, t } from "./support.js";

test("a ranking consultation from a contract priority, answered and counted", async ({ page, context, browser, baseURL }) => {
  test.setTimeout(180_000);
  // 1. Staff build it.
  await signIn(context, baseURL!, "agent-calais");
  await page.goto("/staff/consultations");
  const title = `Prévention Beau Marais ${Date.now()}`;
  await page.locator("#title").fill(title);
  await page.locator("#titleFalc").fill(`${title} — version facile`);
  const descriptionAr = "رتّبوا الأعمال الثلاثة الأهم بالنسبة لكم";
  await page.locator("#description").fill("Classez les trois actions qui comptent le plus pour vous.");
  await page.locator("#descriptionAr").fill(descriptionAr);
  await page.getByRole("checkbox", { name: "Beau Marais (QPV)" }).check();
  await page.getByLabel(t("fr", "cstaff.visibility")).selectOption("live");
  await page.getByRole("button", { name: t("fr", "cstaff.create") }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(title);
  await page.locator("#priorityId").selectOption({ label: "Beau Marais — La prévention pour mieux grandir" });
  await page.locator("#fp-promptFalc").fill("Quelles actions aident le plus les jeunes ?");
  await page.locator("#fp-topN").fill("3");
  await page.getByRole("button", { name: t("fr", "cstaff.addFromPriority") }).click();
  await expect(page.getByRole("region", { name: t("fr", "cstaff.questions") }).getByText(t("fr", "kinds2.ranking"), { exact: false })).toBeVisible();
  // The priority's items carry no easy-read version: staff write one for option A.
  const falcA = "Des adultes qui aident les jeunes dans le quartier";
  await page.getByText(t("fr", "cstaff.editQuestion")).click();
  const optionA = page.getByRole("group", { name: new RegExp(`^${t("fr", "cstaff.optionN", { n: 1, label: "" })}`) });
  await expect(optionA.getByLabel(t("fr", "cstaff.optionLabel"), { exact: true })).toBeVisible();
  await expectNoAxeViolations(page);
  await optionA.getByLabel(t("fr", "cstaff.optionFalc")).fill(falcA);
  await optionA.getByRole("button", { name: t("fr", "cstaff.saveOption") }).click();
  await expect(page.getByRole("status")).toHaveText(t("fr", "cstaff.savedOption"));
  await expect(page.getByText(t("fr", "cstaff.falcShown", { text: falcA }))).toBeVisible();
  await page.getByRole("button", { name: t("fr", "cstaff.publish") }).click();
  await expect(page.getByText(t("fr", "consult.state.open"), { exact: false }).first()).toBeVisible();
  const consultationId = page.url().match(/consultations\/(\d+)/)![1]!;
  // A reader in Arabic gets the Arabic description.
  const arCtx = await browser.newContext({ viewport: { width: 390, height: 844 } });
  await setLanguage(arCtx, baseURL!, "ar");
  const arPage = await arCtx.newPage();
  await arPage.goto(`/consultations/${consultationId}`);
  await expect(arPage.getByText(descriptionAr)).toBeVisible();
  await expect(arPage.getByText("Classez les trois actions")).toHaveCount(0);
  await arCtx.close();

  // 2. Seven residents answer. Options in order: A, B, C, D… (the priority's items).
  const answer = async (b: Browser, subsector: string, order: number[], opts: { js?: boolean; falc?: boolean } = {}) => {
    const ctx = await b.newContext({ viewport: { width: 390, height: 844 }, javaScriptEnabled: opts.js ?? true });
    if (opts.js === false) await disableJavaScript(ctx);
    if (opts.falc) await ctx.addCookies([{ name: "falc", value: "1", url: baseURL! }]);
    await newResident(ctx, baseURL!, subsector);
    const p = await ctx.newPage();
    await p.goto(`/consultations/${consultationId}`);
    if (opts.falc) {
      await expect(p.getByRole("heading", { level: 1 })).toHaveText(`${title} — version facile`);
      await expect(p.getByText("Quelles actions aident le plus les jeunes ?")).toBeVisible();
      await expect(p.getByText(falcA)).toBeVisible();
    }
    const selects = p.locator(".rank-row select");
    for (const [rank, optionIndex] of order.entries()) await selects.nth(optionIndex).selectOption(String(rank + 1));
    await p.getByRole("button", { name: t("fr", "consult.submit") }).click();
    await expect(p.getByRole("heading", { level: 1 })).toHaveText(t("fr", "consult.saved"));
    await ctx.close();
  };
  // Ballots (indexes of options A=0, B=1, C=2, D=3), rank 1 first:
  await answer(browser, "bm-gagarine", [0, 1, 2]); //      A3 B2 C1
  await answer(browser, "bm-gagarine", [0, 2, 1], { js: false }); // A3 C2 B1
  await answer(browser, "bm-gagarine", [1, 0, 3], { falc: true }); // B3 A2 D1
  await answer(browser, "bm-gagarine", [2, 0, 1]); //      C3 A2 B1
  await answer(browser, "bm-gagarine", [0, 1, 3]); //      A3 B2 D1
  await answer(browser, "bm-greuze-vadez", [3, 2, 1]); //  D3 C2 B1
  await answer(browser, "bm-manet-ferber", [1, 3, 0]); //  B3 D2 A1
  // By hand: A = 3+3+2+2+3+0+1 = 14; B = 2+1+3+1+2+1+3 = 13; C = 1+2+0+3+0+2+0 = 8; D = 0+0+1+0+1+3+2 = 7.

  // 3. The results.
  await page.goto(`/consultations/${consultationId}/resultats`);
  await expect(page.locator(".method")).toContainText("7");
  const overall = page.locator(".result-question table").first();
  const points = await overall.locator("td.points").allTextContents();
  // The fifth item of the priority (E) was ranked by nobody: 0 points.
  expect(points).toEqual(["14", "13", "8", "7", "0"]);
  const bySubsector = page.getByRole("table", { name: t("fr", "consult.bySubsector") });
  // Greuze-Vadez and Manet-Ferber hold 1 each: hidden, and Gagarine's 5 with them, since
  // 7 − 5 would give the two (decision 0019). Empty sous-secteurs show 0.
  for (const name of ["Gagarine", "Greuze-Vadez", "Manet-Ferber"]) await expect(bySubsector.getByRole("row", { name: `${name} ${t("fr", "consult.notPublished")}` })).toBeVisible();
  await expect(bySubsector.getByRole("row", { name: "Marinot-Rodin 0" })).toBeVisible();
  await expect(page.locator("details summary", { hasText: "Gagarine" }).first()).toContainText(t("fr", "consult.notPublished"));
  await expect(page.getByText(`${t("fr", "consult.blank")} : 0`).first()).toBeVisible();

  // 4. Answers exist: without JavaScript, staff can still give option B a FALC label and link
  // it to A1-OS1-OO5, but its label is no longer offered.
  const staffNoJs = await browser.newContext({ viewport: { width: 390, height: 844 } });
  await disableJavaScript(staffNoJs);
  await signIn(staffNoJs, baseURL!, "agent-calais");
  const sp = await staffNoJs.newPage();
  await sp.goto(`/staff/consultations/${consultationId}`);
  await sp.getByText(t("fr", "cstaff.editQuestion")).click();
  await expect(sp.getByText(t("fr", "cstaff.editFrozenHint"))).toBeVisible();
  const optionB = sp.getByRole("group", { name: new RegExp(`^${t("fr", "cstaff.optionN", { n: 2, label: "" })}`) });
  await expect(optionB.getByLabel(t("fr", "cstaff.optionLabel"), { exact: true })).toHaveCount(0);
  await expectNoAxeViolations(sp);
  await optionB.getByLabel(t("fr", "cstaff.optionFalc")).fill("Parler avec les familles");
  const boxes = optionB.getByRole("checkbox");
  for (let i = 0; i < (await boxes.count()); i++) await boxes.nth(i).uncheck();
  await optionB.getByRole("checkbox", { name: /^A1-OS1-OO5 / }).check();
  await optionB.getByRole("button", { name: t("fr", "cstaff.saveOption") }).click();
  await expect(sp.getByRole("status")).toHaveText(t("fr", "cstaff.savedOption"));
  const b = await sqlOne<{ id: number; label: string; label_falc: string }>(
    `select o.id, o.label, o.label_falc from question_option o join question q on q.id = o.question_id where q.consultation_id = $1 and o.position = 2`,
    [Number(consultationId)],
  );
  expect(b.label_falc).toBe("Parler avec les familles");
  const links = await sqlOne<{ codes: string[] }>(
    `select array_agg(ob.code) as codes from question_option_objective l join objective ob on ob.id = l.objective_id join question_option o on o.id = l.option_id join question q on q.id = o.question_id where q.consultation_id = $1 and o.position = 2`,
    [Number(consultationId)],
  );
  expect(links.codes).toEqual(["A1-OS1-OO5"]);
  // A label change sent anyway (an old tab, a forged form) is refused with a message; nothing changes.
  const forced = await sp.request.post(`/staff/consultations/${consultationId}`, { form: { intent: "edit_option", optionId: String(b.id), label: "Autre chose", labelFalc: "perdu" } });
  expect(forced.status()).toBe(409);
  expect(await forced.text()).toContain(t("fr", "cstaff.errors.frozenEdit").replace(/'/g, "&#x27;"));
  const after = await sqlOne<{ label: string; label_falc: string }>(`select label, label_falc from question_option where id = $1`, [b.id]);
  expect(after).toEqual({ label: b.label, label_falc: "Parler avec les familles" });
  await staffNoJs.close();

  // 5. The linked objective (options A and now B are linked to A1-OS1-OO5) shows the result.
  await page.goto("/contrats/calais-2024-2030/objectifs/A1-OS1-OO5");
  const linked = page.getByRole("region", { name: t("fr", "consult.linked") });
  await expect(linked.getByRole("link", { name: title })).toBeVisible();
  await expect(linked).toContainText(`${t("fr", "consult.rankN", { rank: 1 })} · ${t("fr", "consult.pointsN_other", { count: 14 })}`);
  await expect(linked).toContainText(b.label);
});

test("entering the staff area by a link (JavaScript on) brings its strings along", async ({ page, context, baseURL }) => {
  await signIn(context, baseURL!, "agent-calais");
  await page.goto("/");
  await page.getByRole("link", { name: t("fr", "layout.navStaff") }).click();
  await page.getByRole("navigation", { name: t("fr", "staff.nav") }).getByRole("link", { name: t("fr", "staff.consultationsTitle") }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(t("fr", "cstaff.title"));
  await expect(page.getByRole("heading", { level: 2, name: t("fr", "cstaff.new") })).toBeVisible();
});
