// An objective's page lists the consultations linked to it question by question: the demo's
// closed consultation (linked to « Dynamiser la vie de quartier ») shows each question with
// its respondents, its options' figures and the scale's average; a consultation whose
// questions fewer than 5 answered shows no figure. On a phone, in French and in Arabic,
// without JavaScript. The results page shows the same average.
import { expect, test } from "@playwright/test";
import { disableJavaScript, expectNoAxeViolations, setLanguage, sqlOne, squareConsultation, t, type Lang } from "./support.js";

const DEMO_CLOSED = "Fort Nieulay : la vie du quartier (démonstration)";

async function demoFigures() {
  const c = await sqlOne<{ id: number; scale: number; single: number }>(
    `select c.id, (select id from question where consultation_id = c.id and kind = 'scale') as scale, (select id from question where consultation_id = c.id and kind = 'single') as single
     from consultation c where c.title = $1`,
    [DEMO_CLOSED],
  );
  // Worked out from the stored answers, not from the counters the page reads.
  const scale = await sqlOne<{ mean: string; n: number }>(`select avg(value)::float8 as mean, count(*)::int as n from answer where question_id = $1`, [c.scale]);
  const first = await sqlOne<{ label: string; n: number; total: number }>(
    `select o.label, (select count(*)::int from answer a where a.option_id = o.id) as n, (select count(distinct response_id)::int from answer where question_id = $1) as total
     from question_option o where o.question_id = $1 order by o.position limit 1`,
    [c.single],
  );
  return { ...c, mean: Number(scale.mean), scaleN: scale.n, first };
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
    await expect(linked.getByRole("link", { name: DEMO_CLOSED })).toHaveAttribute("href", `/consultations/${demo.id}/resultats`);
    const scale = linked.locator(`[data-question="${demo.scale}"]`);
    await expect(scale).toContainText("Vous sentez-vous bien dans votre quartier ?");
    await expect(scale).toContainText(t(lng, "consult.scaleMean", { mean: decimal.format(demo.mean) }));
    const single = linked.locator(`[data-question="${demo.single}"]`);
    await expect(single).toContainText("Qu'est-ce qui manque le plus dans le quartier ?");
    await expect(single.getByRole("listitem").first()).toHaveText(`${demo.first.label} — ${demo.first.n} · ${percent.format(demo.first.n / demo.first.total)}`);
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
