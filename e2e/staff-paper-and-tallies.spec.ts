// Paper and tallies join the online answers, on a phone and without JavaScript: staff print
// ballots, type 6 for Gagarine (one names a resident who voted online: refused, their online
// answer stands), a duplicate serial is refused; a tally sheet for « non précisé » that does not
// add up is refused, then entered; a second staff member types it again without seeing its
// figures, the mismatch names the differing cells to both, the first corrects theirs, and only
// then does it count; the results show web, paper and tally lines that add up to the total.
import { expect, test } from "@playwright/test";
import { disableJavaScript, expectNoAxeViolations, newResident, signIn, sqlOne, squareConsultation, t } from "./support.js";

test("paper ballots and a tally sheet counted once with the online answers", async ({ browser, baseURL }) => {
  test.setTimeout(180_000);
  const phone = { viewport: { width: 390, height: 844 } };
  const { id, options } = await squareConsultation(`Square Gagarine ${Date.now()}`);

  // A resident of Gagarine answers online first.
  const residentCtx = await browser.newContext(phone);
  const identifier = await newResident(residentCtx, baseURL!, "bm-gagarine");
  const rp = await residentCtx.newPage();
  await rp.goto(`/consultations/${id}`);
  // Options carry their pictograms: built-in SVGs and an emoji.
  await expect(rp.locator("img.picto")).toHaveCount(2);
  await expect(rp.locator('img.picto[src="/pictos/banc.svg"]')).toHaveAttribute("alt", "");
  expect((await rp.request.get("/pictos/banc.svg")).headers()["content-type"]).toContain("image/svg+xml");
  await rp.getByLabel(options[1]!).check();
  await rp.getByRole("button", { name: t("fr", "consult.submit") }).click();
  await expect(rp.getByRole("heading", { level: 1 })).toHaveText(t("fr", "consult.saved"));
  await residentCtx.close();

  // Staff, on a phone, without JavaScript.
  const staffCtx = await browser.newContext(phone);
  await disableJavaScript(staffCtx);
  await signIn(staffCtx, baseURL!, "agent-calais");
  const page = await staffCtx.newPage();

  // 1. Print: a series of six ballots, numbered, with the same question and options in the
  // same order; the series is recorded, and the next one starts after it.
  await page.goto(`/staff/consultations/${id}/bulletins`);
  await page.locator("#series-copies").fill("6");
  await page.getByRole("button", { name: t("fr", "ledger.reserve") }).click();
  await expect(page.getByRole("status")).toHaveText(t("fr", "ledger.reserved"));
  const ballots = page.locator("article.ballot");
  await expect(ballots).toHaveCount(6);
  await expect(ballots.first()).toContainText(`P${id}-0001`);
  await expect(ballots.last()).toContainText(`P${id}-0006`);
  await expect(ballots.first().locator(".ballot-options li")).toHaveText(options.map((o) => new RegExp(o)));
  await expectNoAxeViolations(page);
  await page.locator("#series-copies").fill("0");
  await page.getByRole("button", { name: t("fr", "ledger.reserve") }).click();
  await expect(page.getByRole("alert")).toHaveText(t("fr", "ledger.errors.badCopies"));
  await page.locator("#series-copies").fill("2");
  await page.getByRole("button", { name: t("fr", "ledger.reserve") }).click();
  await expect(ballots).toHaveCount(2);
  await expect(ballots.first()).toContainText(`P${id}-0007`);
  await expect(page.getByRole("link", { name: t("fr", "ledger.reprint", { first: `P${id}-0001`, last: `P${id}-0006` }) })).toBeVisible();

  // 2. Type them in: Gagarine, from the Matisse ballot box; the sixth names the resident.
  await page.goto(`/staff/consultations/${id}/saisie`);
  const type = async (serial: string, option: string, extra: { identifier?: string } = {}) => {
    await page.locator("#serial").fill(serial);
    await page.locator("#place").selectOption({ label: "Gagarine" });
    await page.locator("#source").fill("urne papier, centre social Matisse");
    if (extra.identifier) await page.locator("#identifier").fill(extra.identifier);
    await page.getByRole("radio", { name: option, exact: true }).check();
    await page.getByRole("button", { name: t("fr", "ledger.enterBallot") }).click();
  };
  const picks = [0, 0, 1, 2, 0, 2];
  for (let i = 1; i <= 5; i++) {
    await type(String(i), options[picks[i - 1]!]!);
    await expect(page.getByRole("status")).toHaveText(t("fr", "ledger.typed", { serial: `P${id}-000${i}` }));
  }
  await type("6", options[picks[5]!]!, { identifier });
  await expect(page.getByRole("alert")).toHaveText(t("fr", "ledger.errors.alreadyVoted"));
  await expect(page.locator("#identifier")).toHaveValue(identifier);

  // A serial typed twice is refused, and what was typed stays in the form.
  await page.locator("#identifier").fill("");
  await type(`P${id}-0002`, options[0]!);
  await expect(page.getByRole("alert")).toHaveText(t("fr", "ledger.errors.duplicateSerial"));
  await expect(page.locator("#serial")).toHaveValue(`P${id}-0002`);
  await expect(page.locator("#source")).toHaveValue("urne papier, centre social Matisse");
  await expect(page.getByRole("heading", { name: t("fr", "ledger.typedList_other", { count: 5 }) })).toBeVisible();
  await expectNoAxeViolations(page);

  // Finding one typed ballot by its number (to check it, or void it), then an unreadable number.
  const typed = page.locator("#typed-list > li");
  await page.getByLabel(t("fr", "ledger.find")).fill("3");
  await page.getByRole("button", { name: t("fr", "ledger.findButton") }).click();
  await expect(page.getByRole("status")).toContainText(t("fr", "ledger.found", { serial: `P${id}-0003` }));
  await expect(typed).toHaveCount(1);
  await expect(typed).toContainText(`P${id}-0003`);
  await expect(page.locator("#source")).toHaveValue("urne papier, centre social Matisse");
  await expectNoAxeViolations(page);
  await page.getByLabel(t("fr", "ledger.find")).fill("P999-0003");
  await page.getByRole("button", { name: t("fr", "ledger.findButton") }).click();
  await expect(page.locator("#numero-error")).toHaveText(t("fr", "ledger.errors.badSerial"));
  await expect(typed).toHaveCount(0);
  await page.getByLabel(t("fr", "ledger.find")).fill("9");
  await page.getByRole("button", { name: t("fr", "ledger.findButton") }).click();
  await expect(page.getByRole("status")).toContainText(t("fr", "ledger.notFoundSerial", { serial: `P${id}-0009` }));
  await page.getByRole("link", { name: t("fr", "ledger.showAll") }).click();
  await expect(typed).toHaveCount(5);

  // 3. A tally sheet for « non précisé »: 10 ballots, 1 blank. First with counts that do not add up.
  await page.goto(`/staff/consultations/${id}/proces-verbal`);
  const fillCounts = async (p: typeof page, counts: number[]) => {
    await p.locator("#ballots").fill("10");
    await p.getByLabel(t("fr", "ledger.blanks")).fill("1");
    for (const [i, n] of counts.entries()) await p.getByLabel(options[i]!, { exact: true }).fill(String(n));
  };
  const sheet = async (counts: number[]) => {
    await page.locator("#place").selectOption({ label: t("fr", "consult.notSpecified") });
    await page.locator("#source").fill("atelier du square");
    await fillCounts(page, counts);
    await page.getByRole("button", { name: t("fr", "ledger.enterSheet") }).click();
  };
  await sheet([4, 3, 1]);
  await expect(page.getByRole("alert")).toHaveText(t("fr", "ledger.errors.tallyInvalid"));
  await expect(page.getByText(t("fr", "ledger.tallyProblems.doesNotAddUp"))).toBeVisible();
  await expect(page.locator("#ballots")).toHaveValue("10");
  // Entered with two options swapped: « Des jeux » 2 and « De l'ombre » 3, where the sheet says 3 and 2.
  await sheet([4, 2, 3]);
  await expect(page.getByRole("status")).toHaveText(t("fr", "ledger.sheetEntered"));
  // The same staff member cannot type the second entry.
  await expect(page.getByText(t("fr", "ledger.needsAnother"))).toBeVisible();
  await expect(page.getByRole("link", { name: t("fr", "ledger.check") })).toHaveCount(0);
  // Sending it anyway (another tab, a forged form) is refused with a message.
  const sheetId = (await page.locator('input[name="responseId"]').first().getAttribute("value"))!;
  const forced = await page.request.post(`/staff/consultations/${id}/proces-verbal`, { form: { intent: "check_sheet", responseId: sheetId, ballots: "10" } });
  expect(forced.status()).toBe(409);
  expect(await forced.text()).toContain(t("fr", "ledger.errors.sameStaff").replace(/'/g, "&#x27;"));
  await expectNoAxeViolations(page);

  // Not counted yet: the method line says it waits.
  const publicCtx = await browser.newContext(phone);
  const pub = await publicCtx.newPage();
  await pub.goto(`/consultations/${id}/resultats`);
  await expect(pub.locator(".method")).toContainText(t("fr", "method.pendingTallies_one", { count: 1 }));
  await expect(pub.locator('.method-table tr[data-channel="total"] td')).toHaveText("6");

  // A second staff member types it again, blind: neither the list nor the form shows the first
  // entry's figures (not in the page's data either). They type what the sheet says: 4, 3, 2.
  const secondCtx = await browser.newContext(phone);
  await disableJavaScript(secondCtx);
  await signIn(secondCtx, baseURL!, "agent-matisse");
  const second = await secondCtx.newPage();
  await second.goto(`/staff/consultations/${id}/proces-verbal`);
  const card = (p: typeof page) => p.locator(`#feuille-${sheetId}`);
  await expect(card(second).locator("strong").first()).toHaveText(t("fr", "ledger.sheetNoFigures", { n: sheetId }));
  // Flagged for the second agent: it waits for their entry.
  await expect(card(second).locator(".pending-flag")).toHaveText(t("fr", "ledger.awaitsYourEntry"));
  await second.getByRole("link", { name: t("fr", "ledger.check") }).click();
  await expect(second.getByRole("heading", { name: t("fr", "ledger.checkTitle", { n: sheetId }) })).toBeVisible();
  await expect(second.locator("#ballots")).toHaveValue("");
  for (const o of options) await expect(second.getByLabel(o, { exact: true })).toHaveValue("");
  await expect(second.locator("#source")).toHaveCount(0);
  const html = await second.content();
  expect(html).not.toContain(t("fr", "ledger.sheetN_other", { n: sheetId, count: 10 }));
  expect(html).not.toMatch(/"ballots":10\b/);
  await fillCounts(second, [4, 3, 2]);
  await expectNoAxeViolations(second);
  await second.getByRole("button", { name: t("fr", "ledger.enterCheck") }).click();
  // The mismatch names the two cells, not their figures, and nothing is counted.
  await expect(second.getByRole("status")).toHaveText(t("fr", "ledger.sheetMismatch", { n: sheetId }));
  const cellName = (option: string) => t("fr", "ledger.differentCell", { n: 1, prompt: "Que faut-il d'abord au square ?", cell: option });
  const differing = (p: typeof page) => card(p).locator(".error li");
  await expect(differing(second)).toHaveText([cellName(options[1]!), cellName(options[2]!)]);
  await expect(card(second).getByRole("link", { name: t("fr", "ledger.retype") })).toBeVisible();
  await expectNoAxeViolations(second);
  await pub.reload();
  await expect(pub.locator(".method")).toContainText(t("fr", "method.pendingTallies_one", { count: 1 }));

  // The first staff member sees the same cells, rereads the sheet and corrects their entry
  // (which starts from their own figures): the two entries match, and the sheet is confirmed.
  await page.goto(`/staff/consultations/${id}/proces-verbal`);
  await expect(differing(page)).toHaveText([cellName(options[1]!), cellName(options[2]!)]);
  await card(page).getByRole("link", { name: t("fr", "ledger.correct") }).click();
  await expect(page.getByRole("heading", { name: t("fr", "ledger.correctTitle", { n: sheetId }) })).toBeVisible();
  await expect(page.locator("#ballots")).toHaveValue("10");
  await expect(page.getByLabel(options[1]!, { exact: true })).toHaveValue("2");
  await expect(page.locator("#source")).toHaveValue("atelier du square");
  await page.getByLabel(options[1]!, { exact: true }).fill("3");
  await page.getByLabel(options[2]!, { exact: true }).fill("2");
  await page.getByRole("button", { name: t("fr", "ledger.enterCorrection") }).click();
  await expect(page.getByRole("status")).toHaveText(t("fr", "ledger.sheetConfirmed"));
  await expect(card(page)).toContainText(t("fr", "ledger.sheetN_other", { n: sheetId, count: 10 }));
  await expect(differing(page)).toHaveCount(0);
  await staffCtx.close();
  // Staff's list counts what the results count: 1 online, 5 on paper, 10 on the sheet (not 7 rows).
  await second.goto("/staff/consultations");
  await expect(second.getByRole("listitem").filter({ has: second.locator(`a[href="/staff/consultations/${id}"]`) })).toContainText(t("fr", "consult.respondentsN_other", { count: 16 }));
  await secondCtx.close();

  // 4. The results: 1 online + 5 on paper (unnamed) + 10 by tally sheet = 16. The one online
  // is hidden, and paper with it (16 − 10 would give it): « non publié » both (decision 0019).
  await pub.reload();
  const row = (channel: string) => pub.locator(`.method-table tr[data-channel="${channel}"] td`);
  const hidden = t("fr", "consult.notPublished");
  await expect(row("web")).toHaveText(hidden);
  await expect(row("paper")).toHaveText(hidden);
  await expect(row("atelier")).toHaveText("0");
  await expect(row("tally")).toHaveText("10");
  await expect(row("total")).toHaveText("16");
  await expect(pub.locator(".method")).toContainText(t("fr", "method.line_other", { count: 16 }));
  await expect(pub.locator(".method")).toContainText(`${hidden} ${t("fr", "method.web")} · ${hidden} ${t("fr", "method.paper")}`);
  await expect(pub.locator(".method")).toContainText(`10 ${t("fr", "method.tally_one", { count: 1 })}`);
  // Overall counts: online B; paper A, A, B, C, A; tally A4 B3 C2 → A 7, B 5, C 3, and 1 blank.
  const overall = pub.locator(".result-question table").first();
  for (const [i, n] of [7, 5, 3].entries()) await expect(overall.locator("tbody tr").nth(i)).toContainText(String(n));
  await expect(pub.getByText(`${t("fr", "consult.blank")} : 1`).first()).toBeVisible();
  await expectNoAxeViolations(pub);

  // 5. An objective linked only through an option (not the whole consultation) lists the
  // consultation with that option's figures: 7 of the 16 counted (a blank is an answer).
  await sqlOne(
    `insert into question_option_objective (option_id, objective_id)
     select o.id, ob.id from question_option o join question q on q.id = o.question_id, objective ob join contract k on k.id = ob.contract_id
     where q.consultation_id = $1 and o.position = 1 and k.code = 'calais-2024-2030' and ob.code = 'A4' returning option_id`,
    [id],
  );
  await pub.goto("/contrats/calais-2024-2030/objectifs/A4");
  const linked = pub.getByRole("region", { name: t("fr", "consult.linked") });
  await expect(linked.getByRole("link", { name: new RegExp(`Square Gagarine`) })).toHaveAttribute("href", `/consultations/${id}/resultats`);
  await expect(linked.getByText(new RegExp(`^${options[0]} — 7 · 44\\s?%$`))).toBeVisible();
  await expectNoAxeViolations(pub);
  await publicCtx.close();
});
