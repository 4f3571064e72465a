// The staff journal as a person reads it, on a phone and without JavaScript: staff type a ballot
// and void it; the journal says so in a sentence (« a annulé le bulletin P12-0003 : erreur de
// saisie ») with a link to the consultation's ledger, in French and in Arabic; the GET form
// filters by person and by day; the CSV of the filtered journal opens in French Excel (a BOM,
// « ; », CRLF) and holds the same rows.
import { expect, test } from "@playwright/test";
import { parse } from "csv-parse/sync";
import { disableJavaScript, expectNoAxeViolations, setLanguage, signIn, sqlOne, squareConsultation, t } from "./support.js";

/** A day in Paris as a date field holds it, `days` from today. */
const parisDay = (days = 0) => new Intl.DateTimeFormat("en-CA", { timeZone: "Europe/Paris", year: "numeric", month: "2-digit", day: "2-digit" }).format(new Date(Date.now() + days * 86_400_000));

test("the journal: a sentence per action with its target, filters by person and day, and the CSV of what it shows", async ({ browser, baseURL }) => {
  test.setTimeout(120_000);
  const title = `Square du journal ${Date.now()}`;
  const { id, options } = await squareConsultation(title);
  const serial = `P${id}-0003`;
  const agent = await sqlOne<{ id: number; display_name: string }>("select id, display_name from account where identifier = 'agent-calais'");
  const other = await sqlOne<{ id: number; display_name: string }>("select id, display_name from account where identifier = 'agent-matisse'");

  /** A staff member on a phone, without JavaScript. */
  const onPhone = async (identifier: string) => {
    const context = await browser.newContext({ viewport: { width: 390, height: 844 } });
    await disableJavaScript(context);
    await signIn(context, baseURL!, identifier);
    return context;
  };
  const ctx = await onPhone("agent-calais");
  const page = await ctx.newPage();

  // A ballot typed, then voided as a mistyped entry.
  await page.goto(`/staff/consultations/${id}/saisie`);
  await page.locator("#serial").fill("3");
  await page.locator("#place").selectOption({ label: "Gagarine" });
  await page.locator("#source").fill("urne papier, centre social Matisse");
  await page.getByRole("radio", { name: options[1]!, exact: true }).check();
  await page.getByRole("button", { name: t("fr", "ledger.enterBallot") }).click();
  await expect(page.getByRole("status")).toHaveText(t("fr", "ledger.typed", { serial }));
  await page.getByLabel(t("fr", "ledger.voidReason", { label: serial })).fill("erreur de saisie");
  await page.getByRole("button", { name: t("fr", "ledger.void") }).click();
  await expect(page.getByRole("status")).toHaveText(t("fr", "ledger.voided"));

  // The second agent reserves two ballot numbers (the next after the typed 3).
  const matisse = await onPhone("agent-matisse");
  const mp = await matisse.newPage();
  await mp.goto(`/staff/consultations/${id}/bulletins`);
  await mp.locator("#series-copies").fill("2");
  await mp.getByRole("button", { name: t("fr", "ledger.reserve") }).click();
  await expect(mp.getByRole("status")).toHaveText(t("fr", "ledger.reserved"));
  await matisse.close();
  const printed = t("fr", "journal.ballotsPrint", { first: `P${id}-0004`, last: `P${id}-0005` });

  // The journal says it in words, with who, the consultation's title and a link to its ledger.
  await page.goto("/staff/journal");
  const sentence = t("fr", "journal.ballotVoid", { serial, reason: "erreur de saisie" });
  expect(sentence).toBe(`a annulé le bulletin ${serial} : erreur de saisie`);
  const voided = page.locator("ol.cards > li").filter({ hasText: sentence });
  await expect(voided).toHaveCount(1);
  await expect(voided).toContainText(agent.display_name);
  await expect(voided.getByRole("link", { name: title })).toHaveAttribute("href", `/staff/consultations/${id}/saisie?numero=${encodeURIComponent(serial)}`);
  const typed = page.locator("ol.cards > li").filter({ hasText: t("fr", "journal.ballotEnter", { serial, channel: t("fr", "channels.paper") }) });
  await expect(typed).toHaveCount(1);
  // Nothing of what the ballot said: its option is not in the journal.
  await expect(page.locator("main")).not.toContainText(options[1]!);
  await expectNoAxeViolations(page);

  // Filtered by person (the other agent): the void is not theirs.
  await page.getByLabel(t("fr", "journal.person")).selectOption(String(other.id));
  await page.getByRole("button", { name: t("fr", "staff.auditApply") }).click();
  await expect(page).toHaveURL(new RegExp(`[?&]personne=${other.id}(&|$)`));
  await expect(page.getByLabel(t("fr", "journal.person"))).toHaveValue(String(other.id));
  await expect(page.locator("ol.cards > li").filter({ hasText: sentence })).toHaveCount(0);
  const theirs = page.locator("ol.cards > li").filter({ hasText: printed });
  await expect(theirs).toHaveCount(1);
  await expect(theirs).toContainText(other.display_name);
  await expect(theirs.getByRole("link", { name: title })).toHaveAttribute("href", `/staff/consultations/${id}/bulletins`);

  // By the agent, today only: there it is; up to yesterday: gone.
  await page.getByLabel(t("fr", "journal.person")).selectOption(String(agent.id));
  await page.getByLabel(t("fr", "journal.from")).fill(parisDay());
  await page.getByLabel(t("fr", "journal.to")).fill(parisDay());
  await page.getByRole("button", { name: t("fr", "staff.auditApply") }).click();
  await expect(page).toHaveURL(new RegExp(`personne=${agent.id}&du=${parisDay()}&au=${parisDay()}`));
  await expect(page.locator("ol.cards > li").filter({ hasText: sentence })).toHaveCount(1);
  await expect(page.locator("ol.cards > li").filter({ hasNotText: agent.display_name })).toHaveCount(0);
  await expectNoAxeViolations(page);

  // The CSV of this filtered journal: French Excel's format, the same rows, the sentence whole.
  const csvLink = page.getByRole("link", { name: t("fr", "journal.csvFiltered") });
  await expect(csvLink).toHaveAttribute("href", `/staff/journal.csv?personne=${agent.id}&du=${parisDay()}&au=${parisDay()}`);
  const response = await page.request.get((await csvLink.getAttribute("href"))!);
  expect(response.status()).toBe(200);
  expect(response.headers()["content-type"]).toContain("text/csv");
  expect(response.headers()["content-disposition"]).toContain(`journal-du-${parisDay()}-au-${parisDay()}.csv`);
  const bytes = Buffer.from(await response.body());
  expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
  const rows: string[][] = parse(bytes.toString("utf8"), { bom: true, delimiter: ";", record_delimiter: "\r\n" });
  expect(rows[0]).toEqual(["date", "personne", "rôle", "action", "sur", "lien", "EPCI", "code de l'action"]);
  // The same rows as the page: other tests running beside this one may add the demo agent's
  // actions between the page and the file, so the file holds the page's rows and at most those
  // written since (read the page again right after the file).
  const shownBefore = await page.locator("ol.cards > li").count();
  await page.reload();
  const shownAfter = await page.locator("ol.cards > li").count();
  expect(rows.length - 1).toBeGreaterThanOrEqual(shownBefore);
  expect(rows.length - 1).toBeLessThanOrEqual(shownAfter);
  const row = rows.find((r) => r[3] === sentence);
  expect(row?.slice(1, 5)).toEqual([agent.display_name, t("fr", "roles.staff"), sentence, title]);
  expect(row?.[5]).toBe(`${baseURL}/staff/consultations/${id}/saisie?numero=${encodeURIComponent(serial)}`);
  expect(rows.slice(1).every((r) => r[1] === agent.display_name)).toBe(true);

  // Up to yesterday: not there, and the page says that nothing matches or lists only older actions.
  await page.goto(`/staff/journal?personne=${agent.id}&au=${parisDay(-1)}`);
  await expect(page.locator("ol.cards > li").filter({ hasText: sentence })).toHaveCount(0);
  await page.getByRole("link", { name: t("fr", "journal.clear") }).click();
  await expect(page).toHaveURL(/\/staff\/journal$/);

  // In Arabic, the same action in an Arabic sentence.
  await setLanguage(ctx, baseURL!, "ar");
  await page.goto("/staff/journal");
  await expect(page.locator("ol.cards > li").filter({ hasText: t("ar", "journal.ballotVoid", { serial, reason: "erreur de saisie" }) })).toHaveCount(1);
  await ctx.close();
});
