// Results a resident can read on a cheap phone (issue 14, point 6), checked on the words and
// figures on the screen: the demo's closed consultation for Fort Nieulay (made-up paper
// ballots: a single-choice and a 1-5 scale question), at 390 and 320 px, in French and Arabic,
// with JavaScript on and off.
//   - Each bar has its label and figure in its row, and is as long as its figure on a scale
//     from 0 written under it (0 on the reading side: left in French, right in Arabic).
//   - The scale question shows how many gave each value, not only the average.
//   - The signed-in resident's sous-secteur comes first, marked as theirs, in the
//     participation table and in every question's breakdown, which opens on its own figures;
//     the other sous-secteurs open on a tap, without JavaScript too.
//   - The secret of the vote: a hidden sous-secteur reads « non publié », with no figure and
//     no bar, first or not.
//   - Nothing scrolls sideways: every table fits its box and the page fits the screen.
// The figures expected are worked out from the stored answers, not from the counters the
// page reads.
import { expect, test, type Locator, type Page } from "@playwright/test";
import { disableJavaScript, expectNoAxeViolations, newResident, setLanguage, sqlOne, t, type Lang } from "./support.js";

const DEMO_CLOSED = "Fort Nieulay : la vie du quartier (démonstration)";
// The demo's paper ballots: 9 Constantine, 7 Porte de Paris, 2 Cailloux, 6 Quinet, 5 Vauxhall.
// Cailloux holds fewer than 5 and is hidden; Vauxhall, the smallest cell left, is hidden with
// it (29 − the shown cells would give Cailloux's 2). Nobody came from the other sous-secteurs.
const SHOWN = ["fncsp-constantine", "fncsp-porte-de-paris", "fncsp-quinet"];
const HIDDEN = ["fncsp-cailloux", "fncsp-vauxhall"];

interface OptionCount {
  label: string;
  label_ar: string;
  n: number;
}

async function demoFigures() {
  const c = await sqlOne<{ id: number; single: number; scale: number; responses: number }>(
    `select c.id, (select id from question where consultation_id = c.id and kind = 'single') as single, (select id from question where consultation_id = c.id and kind = 'scale') as scale,
       (select count(*)::int from response where consultation_id = c.id and voided_at is null) as responses
     from consultation c where c.title = $1`,
    [DEMO_CLOSED],
  );
  const { rows: cells } = await sqlOne<{ rows: { code: string; name: string; n: number }[] }>(
    `select json_agg(x order by x.name) as rows from (select t.code, t.name, count(*)::int as n from response r join territory t on t.id = r.territory_id where r.consultation_id = $1 and r.voided_at is null group by t.code, t.name) x`,
    [c.id],
  );
  // People per option, overall and in one sous-secteur (null: everywhere).
  const options = async (code: string | null) =>
    (
      await sqlOne<{ rows: OptionCount[] }>(
        `select json_agg(x order by x.position) as rows from (
           select o.position, o.label, o.label_ar, (select count(*)::int from answer a join response r on r.id = a.response_id join territory t on t.id = r.territory_id
             where a.option_id = o.id and r.voided_at is null and ($2::text is null or t.code = $2)) as n
           from question_option o where o.question_id = $1) x`,
        [c.single, code],
      )
    ).rows;
  // People per value of the scale, 1 to 5.
  const scale = async (code: string | null) =>
    (
      await sqlOne<{ d: number[] }>(
        `select array(select (select count(*)::int from answer a join response r on r.id = a.response_id join territory t on t.id = r.territory_id
           where a.question_id = $1 and a.value = v and r.voided_at is null and ($2::text is null or t.code = $2)) from generate_series(1, 5) v order by v) as d`,
        [c.scale, code],
      )
    ).d;
  const byCode = new Map(cells.map((x) => [x.code, x]));
  return { ...c, byCode, options, scale };
}

/** « 6 personnes », in the plural form the language takes for n. */
const people = (lng: Lang, n: number) => t(lng, `consult.respondentsN_${new Intl.PluralRules(lng).select(n)}`, { count: n });

/** The page's way of writing « 9 (31 %) »: Western digits in Arabic too. */
function countShare(lng: Lang, n: number, of: number) {
  const pct = new Intl.NumberFormat(lng === "ar" ? "ar-u-nu-latn" : lng, { style: "percent", maximumFractionDigits: 0 });
  return `${n} (${pct.format(of ? n / of : 0)})`;
}

/** A chart table: each row holds its label and figure; its bar is figure/max of the bar column, on the scale in the foot. */
async function expectChart(table: Locator, lng: Lang, rows: { label: string; figure: string; n: number }[]) {
  const body = table.locator("tbody tr");
  await expect(body).toHaveCount(rows.length);
  // The scale: from 0, ticks in whole numbers, its end at or above the largest figure.
  const ticks = table.locator("tfoot svg text");
  const tickTexts = (await ticks.allTextContents()).map(Number);
  expect(tickTexts[0]).toBe(0);
  const max = tickTexts.at(-1)!;
  expect(max).toBeGreaterThanOrEqual(Math.max(...rows.map((r) => r.n)));
  await expect(ticks.first()).toBeVisible();
  const [zero, end] = [(await ticks.first().boundingBox())!, (await ticks.last().boundingBox())!];
  // 0 sits where reading starts.
  if (lng === "ar") expect(zero.x).toBeGreaterThan(end.x);
  else expect(zero.x).toBeLessThan(end.x);
  const axis = (await table.locator("tfoot svg").boundingBox())!;
  for (const [i, r] of rows.entries()) {
    const row = body.nth(i);
    await expect(row.locator("th")).toContainText(r.label);
    await expect(row.locator("td")).toContainText(r.figure);
    const bar = row.locator("svg rect");
    if (r.n === 0) {
      await expect(bar).toHaveCount(0);
      continue;
    }
    await expect(bar).toBeVisible();
    const box = (await bar.boundingBox())!;
    expect(Math.abs(box.width / axis.width - r.n / max), `bar of ${r.label}`).toBeLessThan(0.02);
    // It starts at 0: the start edge of the scale (the right one in Arabic).
    if (lng === "ar") expect(Math.abs(box.x + box.width - (axis.x + axis.width))).toBeLessThan(1.5);
    else expect(Math.abs(box.x - axis.x)).toBeLessThan(1.5);
  }
}

async function expectNoSidewaysScroll(page: Page, width: number) {
  // Every disclosure open, so that the tables inside are laid out and measured too.
  await page.evaluate(() => document.querySelectorAll("details").forEach((d) => (d.open = true)));
  const m = await page.evaluate(() => ({
    page: document.documentElement.scrollWidth,
    tables: [...document.querySelectorAll("table")].map((t) => ({ caption: t.caption?.textContent ?? "", scroll: t.scrollWidth, client: t.clientWidth, right: t.getBoundingClientRect().right, left: t.getBoundingClientRect().left })),
  }));
  expect(m.tables.length).toBeGreaterThan(5);
  for (const x of m.tables) {
    expect(x.scroll, `table « ${x.caption} » scrolls sideways`).toBeLessThanOrEqual(x.client);
    expect(x.right, `table « ${x.caption} » leaves the screen`).toBeLessThanOrEqual(width);
    expect(x.left, `table « ${x.caption} » leaves the screen`).toBeGreaterThanOrEqual(0);
  }
  expect(m.page).toBeLessThanOrEqual(width);
}

const VARIANTS = [390, 320].flatMap((width) => (["fr", "ar"] as Lang[]).flatMap((lng) => [true, false].map((js) => ({ width, lng, js }))));

for (const { width, lng, js } of VARIANTS) {
  test.describe(`${width} px, ${lng}, JavaScript ${js ? "on" : "off"}`, () => {
    test.use({ viewport: { width, height: 844 } });

    test("results: bars with labels, figures and a scale from 0, the scale's distribution, my sous-secteur first, breakdowns that open, nothing sideways", async ({ page, context, baseURL }) => {
      const errors: string[] = [];
      page.on("console", (m) => {
        if (m.type() === "error" && (js || !/Failed to load resource/.test(m.text()))) errors.push(m.text());
      });
      await setLanguage(context, baseURL!, lng);
      if (!js) await disableJavaScript(context);
      const demo = await demoFigures();
      for (const code of SHOWN) expect(demo.byCode.get(code)!.n).toBeGreaterThanOrEqual(5);
      expect(demo.byCode.get("fncsp-cailloux")!.n).toBeLessThan(5);
      const optionLabel = (o: OptionCount) => (lng === "ar" ? o.label_ar : o.label);
      const notPublished = t(lng, "consult.notPublished");
      const yours = t(lng, "consult.yourSubsector");

      // A resident of Quinet: theirs is shown (6 people).
      await newResident(context, baseURL!, "fncsp-quinet");
      await page.goto(`/consultations/${demo.id}/resultats`);
      if (js) await page.waitForLoadState("networkidle");

      // Participation: Quinet first and marked; shown cells with their figure and bar, hidden
      // ones « non publié » without either; the scale from 0.
      const participation = page.getByRole("table", { name: t(lng, "consult.bySubsector") });
      const first = participation.locator("tbody tr").first();
      await expect(first.locator("th")).toHaveText(`Quinet ${yours}`);
      await expect(first.locator("td")).toHaveText(String(demo.byCode.get("fncsp-quinet")!.n));
      await expect(first.locator("svg rect")).toBeVisible();
      for (const code of HIDDEN) {
        const row = participation.locator("tbody tr").filter({ hasText: demo.byCode.get(code)!.name });
        await expect(row.locator("td")).toHaveText(notPublished);
        await expect(row.locator("svg")).toHaveCount(0);
        await expect(row).not.toContainText(/\d/);
      }
      await expect(participation.locator("tfoot svg text").first()).toHaveText("0");

      // Question 1, a single choice: each option's bar with its label and « n (share) ».
      const q1 = page.locator(".result-question").nth(0);
      const overall = await demo.options(null);
      await expect(q1.locator("table").first().locator("caption")).toHaveText(t(lng, "consult.overall", { n: demo.responses }));
      await expectChart(
        q1.locator("table").first(),
        lng,
        overall.map((o) => ({ label: optionLabel(o), figure: countShare(lng, o.n, demo.responses), n: o.n })),
      );

      // Question 2, the 1-5 scale: its average and how many gave each value.
      const q2 = page.locator(".result-question").nth(1);
      const dist = await demo.scale(null);
      const mean = dist.reduce((s, n, i) => s + n * (i + 1), 0) / dist.reduce((s, n) => s + n, 0);
      await expect(q2.locator(".mean").first()).toHaveText(t(lng, "consult.scaleMean", { mean: new Intl.NumberFormat(lng, { minimumFractionDigits: 1, maximumFractionDigits: 1 }).format(mean) }));
      await expectChart(
        q2.locator("table").first(),
        lng,
        dist.map((n, i) => ({ label: t(lng, `consult.scale.${i + 1}`), figure: countShare(lng, n, demo.responses), n })),
      );

      // The breakdown of each question: Quinet first, marked and open on its own figures.
      for (const [q, expected] of [
        [q1, (await demo.options("fncsp-quinet")).map((o) => ({ label: optionLabel(o), n: o.n }))],
        [q2, (await demo.scale("fncsp-quinet")).map((n, i) => ({ label: t(lng, `consult.scale.${i + 1}`), n }))],
      ] as const) {
        const breakdown = q.getByRole("list", { name: t(lng, "consult.bySubsectorShort") });
        await expect(breakdown).toBeVisible();
        const mine = breakdown.locator(":scope > li").first();
        await expect(mine.locator("summary")).toContainText(`Quinet — ${people(lng, demo.byCode.get("fncsp-quinet")!.n)} ${yours}`);
        await expect(mine.locator("summary").getByText(t(lng, "consult.hideDetail"))).toBeVisible();
        await expect(mine.locator("summary").getByText(t(lng, "consult.showDetail"))).toBeHidden();
        const table = mine.locator("table");
        await expect(table).toBeVisible();
        await expect(table.locator("caption")).toHaveText("Quinet");
        await expectChart(table, lng, expected.map((e) => ({ ...e, figure: countShare(lng, e.n, demo.byCode.get("fncsp-quinet")!.n) })));

        // Constantine is closed, says it opens, and opens on a tap.
        const constantine = breakdown.locator(":scope > li").filter({ hasText: "Constantine" });
        await expect(constantine.locator("summary")).toContainText(`Constantine — ${people(lng, demo.byCode.get("fncsp-constantine")!.n)}`);
        await expect(constantine.locator("summary").getByText(t(lng, "consult.showDetail"))).toBeVisible();
        await expect(constantine.locator("table")).toBeHidden();
        await constantine.locator("summary").click();
        await expect(constantine.locator("table")).toBeVisible();
        await expect(constantine.locator("summary").getByText(t(lng, "consult.hideDetail"))).toBeVisible();
        await expect(constantine.locator("summary").getByText(t(lng, "consult.showDetail"))).toBeHidden();
        await expect(constantine.locator("table caption")).toHaveText("Constantine");

        // A hidden sous-secteur opens on why, never on a figure.
        for (const code of HIDDEN) {
          const name = demo.byCode.get(code)!.name;
          const hidden = breakdown.locator(":scope > li").filter({ hasText: name });
          await expect(hidden.locator("summary")).toContainText(`${name} — ${notPublished}`);
          await expect(hidden.locator("summary").getByText(t(lng, "consult.whyHidden"))).toBeVisible();
          await hidden.locator("summary").click();
          await expect(hidden.getByText(t(lng, "consult.hiddenExplain"))).toBeVisible();
          await expect(hidden.locator("table")).toHaveCount(0);
          await expect(hidden.locator("summary")).not.toContainText(/\d/);
        }
        // The sous-secteurs nobody came from, named together at the end.
        await expect(breakdown.locator(":scope > li").last()).toContainText(t(lng, "consult.nobodyCounted"));
        await expect(breakdown.locator(":scope > li").last()).toContainText("Fontinettes");
      }
      await expectNoSidewaysScroll(page, width);
      await expectNoAxeViolations(page);

      // A resident of Cailloux: theirs comes first too, marked, and stays « non publié ».
      await newResident(context, baseURL!, "fncsp-cailloux");
      await page.goto(`/consultations/${demo.id}/resultats`);
      const cailloux = demo.byCode.get("fncsp-cailloux")!;
      const top = page.getByRole("table", { name: t(lng, "consult.bySubsector") }).locator("tbody tr").first();
      await expect(top.locator("th")).toHaveText(`${cailloux.name} ${yours}`);
      await expect(top.locator("td")).toHaveText(notPublished);
      await expect(top.locator("svg")).toHaveCount(0);
      for (const q of [q1, q2]) {
        const mine = q.getByRole("list", { name: t(lng, "consult.bySubsectorShort") }).locator(":scope > li").first();
        await expect(mine.locator("summary")).toContainText(`${cailloux.name} — ${notPublished} ${yours}`);
        await expect(mine.getByText(t(lng, "consult.hiddenExplain"))).toBeVisible();
        await expect(mine).not.toContainText(people(lng, cailloux.n));
        await expect(mine.locator("table")).toHaveCount(0);
      }
      await expectNoSidewaysScroll(page, width);
      expect(errors).toEqual([]);
    });
  });
}

test("a visitor who is not signed in: the sous-secteurs in their order, none marked as theirs", async ({ page, context, baseURL }) => {
  await disableJavaScript(context);
  const demo = await demoFigures();
  await page.goto(`/consultations/${demo.id}/resultats`);
  const rows = page.getByRole("table", { name: t("fr", "consult.bySubsector") }).locator("tbody th");
  const names = await rows.allTextContents();
  expect(names).toEqual([...names].sort((a, b) => a.localeCompare(b, "fr")));
  await expect(page.getByText(t("fr", "consult.yourSubsector"))).toHaveCount(0);
  await expect(page.locator("details[open]")).toHaveCount(0);
});
