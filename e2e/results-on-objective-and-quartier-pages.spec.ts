// Results where residents read them besides the results page. An objective's page lists the
// consultations linked to it question by question: the demo's
// closed consultation (linked to « Dynamiser la vie de quartier ») shows each question with
// its respondents, its options' figures and the scale's average; a consultation whose
// questions fewer than 5 answered shows no figure. On a phone, in French and in Arabic,
// without JavaScript. The results page shows the same average. A scale gives how many gave
// each value, not only its average. A QPV page shows its latest
// closed consultations with their figures and how many were counted in the chosen sous-secteur.
import { expect, test } from "@playwright/test";
import { disableJavaScript, expectNoAxeViolations, setLanguage, sqlOne, squareConsultation, t, territoryId, type Lang } from "./support.js";

const DEMO_CLOSED = "Fort Nieulay : la vie du quartier (démonstration)";

async function demoFigures() {
  // The demo has Arabic versions of its title, questions and options: an Arabic page shows those.
  const c = await sqlOne<{ id: number; scale: number; single: number; title_ar: string; scale_ar: string; single_ar: string }>(
    `select c.id, c.title_ar, (select id from question where consultation_id = c.id and kind = 'scale') as scale, (select id from question where consultation_id = c.id and kind = 'single') as single,
       (select prompt_ar from question where consultation_id = c.id and kind = 'scale') as scale_ar, (select prompt_ar from question where consultation_id = c.id and kind = 'single') as single_ar
     from consultation c where c.title = $1`,
    [DEMO_CLOSED],
  );
  // Worked out from the stored answers, not from the counters the page reads.
  const scale = await sqlOne<{ mean: string; n: number }>(`select avg(value)::float8 as mean, count(*)::int as n from answer where question_id = $1`, [c.scale]);
  const first = await sqlOne<{ label: string; label_ar: string; n: number; total: number }>(
    `select o.label, o.label_ar, (select count(*)::int from answer a where a.option_id = o.id) as n, (select count(distinct response_id)::int from answer where question_id = $1) as total
     from question_option o where o.question_id = $1 order by o.position limit 1`,
    [c.single],
  );
  const top = await sqlOne<{ label: string }>(
    `select o.label from question_option o left join answer a on a.option_id = o.id where o.question_id = $1 group by o.id, o.label, o.position order by count(a.id) desc, o.position limit 1`,
    [c.single],
  );
  const responses = (await sqlOne<{ n: number }>(`select count(*)::int as n from response where consultation_id = $1 and voided_at is null`, [c.id])).n;
  return { ...c, mean: Number(scale.mean), scaleN: scale.n, first, top, responses };
}

for (const lng of ["fr", "ar"] as Lang[]) {
  test(`${lng}: an objective shows its linked consultations question by question, and « moins de 5 » hides a question`, async ({ page, context, baseURL }) => {
    await setLanguage(context, baseURL!, lng);
    await disableJavaScript(context);
    const demo = await demoFigures();
    const decimal = new Intl.NumberFormat(lng, { minimumFractionDigits: 1, maximumFractionDigits: 1 });
    const percent = new Intl.NumberFormat(lng, { style: "percent", maximumFractionDigits: 0 });

    await page.goto("/contrats/calais-2024-2030/objectifs/A1-OS3");
    const linked = page.getByRole("region", { name: t(lng, "consult.linked") });
    await expect(linked.getByRole("link", { name: lng === "ar" ? demo.title_ar : DEMO_CLOSED })).toHaveAttribute("href", `/consultations/${demo.id}/resultats`);
    // What will be done, from its published summary, in the reader's language.
    const nextSteps = await sqlOne<{ fr: string; ar: string }>(`select next_steps as fr, next_steps_ar as ar from consultation_summary where consultation_id = $1 and published_at is not null`, [demo.id]);
    await expect(linked.locator(".next-steps")).toContainText(`${t(lng, "consult.summaryNextSteps")} ${lng === "ar" ? nextSteps.ar : nextSteps.fr}`);
    await expect(linked.getByRole("link", { name: t(lng, "consult.summaryLink") })).toHaveAttribute("href", `/consultations/${demo.id}/resultats#summary-h`);
    const scale = linked.locator(`[data-question="${demo.scale}"]`);
    await expect(scale).toContainText(lng === "ar" ? demo.scale_ar : "Vous sentez-vous bien dans votre quartier ?");
    await expect(scale).toContainText(t(lng, "consult.scaleMean", { mean: decimal.format(demo.mean) }));
    const single = linked.locator(`[data-question="${demo.single}"]`);
    await expect(single).toContainText(lng === "ar" ? demo.single_ar : "Qu'est-ce qui manque le plus dans le quartier ?");
    const firstLabel = lng === "ar" ? demo.first.label_ar : demo.first.label;
    await expect(single.getByRole("listitem").filter({ hasText: firstLabel })).toHaveText(`${firstLabel} — ${demo.first.n} · ${percent.format(demo.first.n / demo.first.total)}`);
    // The scale's figures: its average and how many gave each value (as on the results page).
    const values = await sqlOne<{ d: number[] }>(`select array(select (select count(*)::int from answer where question_id = $1 and value = v) from generate_series(1, 5) v order by v) as d`, [demo.scale]);
    for (const [i, n] of values.d.entries()) await expect(scale.locator(`[data-value="${i + 1}"]`)).toHaveText(`${t(lng, `consult.scale.${i + 1}`)} : ${n} · ${percent.format(n / demo.responses)}`);
    await expectNoAxeViolations(page);

    // A consultation linked as a whole whose question nobody answered yet: the question is
    // listed, with no figure.
    const { id } = await squareConsultation(`Square ${lng} ${Date.now()}`);
    await sqlOne(`insert into consultation_objective (consultation_id, objective_id) select $1, o.id from objective o join contract k on k.id = o.contract_id where k.code = 'calais-2024-2030' and o.code = 'A1-OS3' returning consultation_id`, [id]);
    const question = await sqlOne<{ id: number }>(`select id from question where consultation_id = $1`, [id]);
    await page.reload();
    const hidden = page.locator(`[data-question="${question.id}"]`);
    await expect(hidden).toContainText(t(lng, "consult.questionHidden"));
    await expect(hidden.getByRole("listitem")).toHaveCount(0);

    // The results page gives the same average.
    await page.goto(`/consultations/${demo.id}/resultats`);
    await expect(page.locator(".result-question .mean").first()).toHaveText(t(lng, "consult.scaleMean", { mean: decimal.format(demo.mean) }));
    await expectNoAxeViolations(page);
  });
}

test("a QPV page shows its latest results: figures per question, and how many were counted in the chosen sous-secteur", async ({ page, context, baseURL }) => {
  await disableJavaScript(context);
  const demo = await demoFigures();
  const qpv = await territoryId("qpv-fort-nieulay-cailloux-saint-pierre");
  const counted = async (code: string) => (await sqlOne<{ n: number }>(`select count(*)::int as n from response r join territory t on t.id = r.territory_id where r.consultation_id = $1 and t.code = $2 and r.voided_at is null`, [demo.id, code])).n;
  const [constantine, cailloux] = [await counted("fncsp-constantine"), await counted("fncsp-cailloux")];
  expect(constantine).toBeGreaterThanOrEqual(5);
  expect(cailloux).toBeLessThan(5);

  await page.goto(`/quartiers/${qpv}?sous_secteur=${await territoryId("fncsp-constantine")}`);
  const latest = page.getByRole("region", { name: t("fr", "consult.latestResults") });
  const item = latest.locator(`[data-consultation="${demo.id}"]`);
  await expect(item.getByRole("link", { name: DEMO_CLOSED })).toHaveAttribute("href", `/consultations/${demo.id}/resultats`);
  await expect(item).toContainText(t("fr", "consult.method", { n: demo.responses }));
  await expect(item).toContainText(`Constantine — ${t("fr", "consult.respondentsN_other", { count: constantine })}`);
  await expect(item.locator(`[data-question="${demo.scale}"]`)).toContainText(t("fr", "consult.scaleMean", { mean: new Intl.NumberFormat("fr", { minimumFractionDigits: 1, maximumFractionDigits: 1 }).format(demo.mean) }));
  // The scale's five values, each with how many gave it.
  const values = await sqlOne<{ d: number[] }>(`select array(select (select count(*)::int from answer where question_id = $1 and value = v) from generate_series(1, 5) v order by v) as d`, [demo.scale]);
  const percent = new Intl.NumberFormat("fr", { style: "percent", maximumFractionDigits: 0 });
  await expect(item.locator(`[data-question="${demo.scale}"] [data-value]`)).toHaveText(values.d.map((n, i) => `${t("fr", `consult.scale.${i + 1}`)} : ${n} · ${percent.format(n / demo.responses)}`));
  // Choices best first: the most chosen option leads.
  await expect(item.locator(`[data-question="${demo.single}"] li`).first()).toContainText(demo.top.label);
  await expectNoAxeViolations(page);

  // A sous-secteur with fewer than 5 counted says « moins de 5 ».
  await page.goto(`/quartiers/${qpv}?sous_secteur=${await territoryId("fncsp-cailloux")}`);
  await expect(page.locator(`[data-consultation="${demo.id}"]`)).toContainText(`${t("fr", "consult.notPublished")}`);
  await expect(page.locator(`[data-consultation="${demo.id}"]`)).not.toContainText(t("fr", "consult.respondentsN_other", { count: cailloux }));
});
