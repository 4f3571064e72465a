// The demo: the real Calais contract (a copy of the shared dataset), imported when absent.
import { readFileSync } from "node:fs";
import { recount } from "../../app/domain/consultations/counters.server.js";
import { fileURLToPath } from "node:url";
import type { Kysely } from "kysely";
import type { Database } from "../schema.js";
import { formatProblem } from "../../app/domain/contract/dataset.js";
import { importContractFile } from "../../app/domain/contract/import.server.js";

export const DEMO_CONTRACT_CODE = "calais-2024-2030";
export const DEMO_CONTRACT_FILE = fileURLToPath(new URL("./calais-2024-2030.json", import.meta.url));

export async function ensureDemoData(db: Kysely<Database>): Promise<{ imported: boolean; contractCode: string }> {
  const present = await db.selectFrom("contract").select("id").where("code", "=", DEMO_CONTRACT_CODE).executeTakeFirst();
  if (present) return { imported: false, contractCode: DEMO_CONTRACT_CODE };
  const result = await importContractFile(db, readFileSync(DEMO_CONTRACT_FILE, "utf8"), "calais-2024-2030.json");
  if (!result.ok) throw new Error(`demo contract refused:\n${result.errors.map(formatProblem).join("\n")}`);
  return { imported: true, contractCode: DEMO_CONTRACT_CODE };
}

/** Demo accounts (identifier + PIN or password in the README). Only with the demo data. */
export const DEMO_ACCOUNTS = [
  { identifier: "agent-calais", displayName: "Agent démo (politique de la ville)", secret: { password: "demo-agent-calais" }, territory: null, role: { role: "staff", territory: "ca-grand-calais-terres-et-mers", college: null } },
  { identifier: "agent-matisse", displayName: "Agente démo (centre social Matisse)", secret: { password: "demo-agent-matisse" }, territory: null, role: { role: "staff", territory: "ca-grand-calais-terres-et-mers", college: null } },
  { identifier: "conseil-beaumarais", displayName: "Membre démo du conseil citoyen", secret: { password: "demo-conseil-beaumarais" }, territory: "bm-gagarine", role: { role: "council_member", territory: "qpv-beau-marais", college: "habitants" } },
  { identifier: "moderation-beaumarais", displayName: "Modératrice démo", secret: { password: "demo-moderation-beaumarais" }, territory: null, role: { role: "moderator", territory: "qpv-beau-marais", college: null } },
  { identifier: "gagarine-0001", displayName: "Habitante démo de Gagarine", secret: { pin: "482913" }, territory: "bm-gagarine", role: null },
  { identifier: "constantine-0002", displayName: "Habitant démo de Constantine", secret: { pin: "735164" }, territory: "fncsp-constantine", role: null },
] as const;

export async function ensureDemoAccounts(db: Kysely<Database>): Promise<number> {
  const { hashSecret } = await import("../../app/auth/password.server.js");
  let created = 0;
  for (const demo of DEMO_ACCOUNTS) {
    const exists = await db.selectFrom("account").select("id").where("identifier", "=", demo.identifier).executeTakeFirst();
    if (exists) continue;
    const territoryId = async (code: string | null) =>
      code ? (await db.selectFrom("territory").select("id").where("epci_code", "=", "ca-grand-calais-terres-et-mers").where("code", "=", code).executeTakeFirstOrThrow()).id : null;
    const secret = demo.secret as { pin?: string; password?: string };
    const { id } = await db
      .insertInto("account")
      .values({
        identifier: demo.identifier,
        display_name: demo.displayName,
        territory_id: await territoryId(demo.territory),
        verified_at: new Date(),
        pin_hash: secret.pin ? await hashSecret(secret.pin) : null,
        password_hash: secret.password ? await hashSecret(secret.password) : null,
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    if (demo.role)
      await db.insertInto("role_assignment").values({ account_id: id, role: demo.role.role, territory_id: await territoryId(demo.role.territory), college: demo.role.college }).execute();
    created++;
  }
  return created;
}

const DEMO_OPEN_TITLE = "Beau Marais : la prévention pour mieux grandir";
const DEMO_CLOSED_TITLE = "Fort Nieulay : la vie du quartier (démonstration)";
export const DEMO_CLOSED_OBJECTIVE = "A1-OS3";

/** The open demo's options (the contract's own wording) in easy French, English and Arabic, in order. */
const DEMO_OPEN_OPTIONS = [
  { labelFalc: "Plus de sport et de culture pour tous, contre le racisme et le harcèlement.", labelEn: "Open up sport and culture and promote shared values, against every kind of discrimination and to prevent harassment.", labelAr: "تسهيل الوصول إلى الرياضة والثقافة وتعزيز القيم المشتركة لمكافحة كل أشكال التمييز والوقاية من التحرّش." },
  { labelFalc: "Expliquer aux jeunes les dangers d'internet et des réseaux sociaux, et l'égalité entre filles et garçons.", labelEn: "Raise awareness to prevent delinquency: the internet, social media, media and citizenship education, equality between girls and boys, the values of the Republic, discrimination.", labelAr: "التوعية للوقاية من مختلف أشكال الجنوح: الإنترنت وشبكات التواصل الاجتماعي، والتربية على الإعلام والمواطنة، والمساواة بين الفتيات والفتيان، وقيم الجمهورية، ومناهضة التمييز." },
  { labelFalc: "Empêcher la violence et le harcèlement.", labelEn: "Prevent violence, harassment and the psychosocial risks that come with them.", labelAr: "الوقاية من العنف والتحرّش والمخاطر النفسية والاجتماعية المرتبطة بهما." },
  { labelFalc: "Apprendre à circuler sans danger, à vélo, à trottinette ou à scooter.", labelEn: "Road safety, especially two-wheelers and new ways of getting around.", labelAr: "التوعية بالسلامة المرورية، خاصةً الدرّاجات ووسائل التنقّل الجديدة." },
  { labelFalc: "Mieux vivre ensemble : se respecter.", labelEn: "Living together: respect, civic spirit.", labelAr: "تعزيز العيش المشترك: الاحترام والحسّ المدني." },
];

/**
 * Two demo consultations: an open ranking for Beau Marais built from a contract priority,
 * to answer; and a closed one whose made-up results say « données de démonstration ».
 */
export async function ensureDemoConsultations(db: Kysely<Database>): Promise<number> {
  const { loadViewer } = await import("../../app/auth/guard.server.js");
  const C = await import("../../app/domain/consultations/mutations.server.js");
  const staffAccount = await db.selectFrom("account").select("id").where("identifier", "=", "agent-calais").executeTakeFirst();
  if (!staffAccount) return 0;
  const staff = (await loadViewer(db, { id: "demo", accountId: staffAccount.id, persistent: true }))!;
  const id = (code: string) => db.selectFrom("territory").select("id").where("epci_code", "=", "ca-grand-calais-terres-et-mers").where("code", "=", code).executeTakeFirstOrThrow().then((r) => r.id);
  const epci = await id("ca-grand-calais-terres-et-mers");
  let created = 0;
  const day = 24 * 3600_000;

  if (!(await db.selectFrom("consultation").select("id").where("title", "=", DEMO_OPEN_TITLE).executeTakeFirst())) {
    const c = await C.createConsultation(db, staff, {
      epciId: epci,
      title: DEMO_OPEN_TITLE,
      titleFalc: "Beau Marais : qu'est-ce qui aide le plus les enfants et les jeunes ?",
      titleEn: "Beau Marais: prevention to help children grow up",
      titleAr: "بو ماريه: الوقاية لنموّ أفضل",
      description: "Classez les trois actions du contrat de ville qui comptent le plus pour vous.",
      descriptionFalc: "Choisissez 3 actions. Mettez 1 pour la plus importante.",
      descriptionEn: "Rank the three actions of the contrat de ville that matter most to you.",
      descriptionAr: "رتّب الإجراءات الثلاثة من عقد المدينة الأهمّ بالنسبة إليك. ضع 1 للأهمّ.",
      opensAt: new Date(Date.now() - day),
      closesAt: new Date(Date.now() + 60 * day),
      scopeTerritoryIds: [await id("qpv-beau-marais")],
      resultsVisibility: "live",
    });
    if (!c.ok) throw new Error(`demo consultation: ${c.error}`);
    const priority = await db.selectFrom("priority").select("id").where("title", "=", "La prévention pour mieux grandir").executeTakeFirstOrThrow();
    const q = await C.addRankingFromPriority(db, staff, c.value.consultationId, { priorityId: priority.id, topN: 3, prompt: "Classez les 3 actions les plus importantes pour vous", promptFalc: "Quelles sont les 3 actions les plus utiles ?" });
    if (!q.ok) throw new Error(`demo question: ${q.error}`);
    // Answerable in Arabic, English and easy French too: the question and each option.
    await C.editQuestion(db, staff, c.value.consultationId, q.value.questionId, { promptEn: "Rank the 3 actions that matter most to you", promptAr: "رتّب الإجراءات الثلاثة الأهمّ بالنسبة إليك" });
    const ranked = await db.selectFrom("question_option").select("id").where("question_id", "=", q.value.questionId).orderBy("position").execute();
    for (const [i, o] of ranked.entries()) if (DEMO_OPEN_OPTIONS[i]) await C.editOption(db, staff, c.value.consultationId, o.id, DEMO_OPEN_OPTIONS[i]!);
    await C.publishConsultation(db, staff, c.value.consultationId);
    created++;
  }

  if (!(await db.selectFrom("consultation").select("id").where("title", "=", DEMO_CLOSED_TITLE).executeTakeFirst())) {
    const subsectors = await Promise.all(["fncsp-constantine", "fncsp-porte-de-paris", "fncsp-cailloux", "fncsp-quinet", "fncsp-vauxhall"].map(id));
    const c = await C.createConsultation(db, staff, {
      epciId: epci,
      title: DEMO_CLOSED_TITLE,
      titleFalc: "Fort Nieulay : comment ça va dans le quartier ?",
      titleEn: "Fort Nieulay: life in the neighbourhood (demonstration)",
      titleAr: "فور نيولاي: الحياة في الحي (عرض توضيحي)",
      description: "Consultation de démonstration : les réponses sont inventées pour montrer les résultats.",
      opensAt: new Date(Date.now() - 40 * day),
      closesAt: new Date(Date.now() + day),
      scopeTerritoryIds: [await id("qpv-fort-nieulay-cailloux-saint-pierre")],
      resultsVisibility: "after_close",
      demo: true,
    });
    if (!c.ok) throw new Error(`demo consultation: ${c.error}`);
    const cid = c.value.consultationId;
    const single = await C.addQuestion(db, staff, cid, {
      kind: "single",
      prompt: "Qu'est-ce qui manque le plus dans le quartier ?",
      promptEn: "What does the neighbourhood lack most?",
      promptAr: "ما الذي ينقص الحيّ أكثر؟",
      options: [
        { label: "Des jeux pour les enfants", labelEn: "Play areas for children", labelAr: "ألعاب للأطفال" },
        { label: "Des bancs et de l'ombre", labelEn: "Benches and shade", labelAr: "مقاعد وظلّ" },
        { label: "Un local pour les jeunes", labelEn: "A room for young people", labelAr: "مقرّ للشباب" },
      ],
    });
    const scale = await C.addQuestion(db, staff, cid, { kind: "scale", prompt: "Vous sentez-vous bien dans votre quartier ?", promptEn: "Do you feel good in your neighbourhood?", promptAr: "هل تشعر بالارتياح في حيّك؟" });
    if (!single.ok || !scale.ok) throw new Error("demo questions");
    // Linked to « Dynamiser la vie de quartier », whose page then shows these results.
    const lifeOfTheQuartier = await db.selectFrom("objective as o").innerJoin("contract as k", "k.id", "o.contract_id").select("o.id").where("k.code", "=", DEMO_CONTRACT_CODE).where("o.code", "=", DEMO_CLOSED_OBJECTIVE).executeTakeFirstOrThrow();
    await C.setConsultationObjectives(db, staff, cid, [lifeOfTheQuartier.id]);
    await C.publishConsultation(db, staff, cid);
    const options = await db.selectFrom("question_option").select("id").where("question_id", "=", single.value.questionId).orderBy("position").execute();
    // Made-up paper ballots (deterministic), then the consultation is closed.
    const counts = [9, 7, 2, 6, 5];
    let serial = 0;
    for (const [s, n] of counts.entries())
      for (let i = 0; i < n; i++) {
        serial++;
        const { id: rid } = await db
          .insertInto("response")
          .values({ consultation_id: cid, channel: "paper", entry_mode: "individual", source: "données de démonstration", territory_id: subsectors[s]!, serial: `DEMO-${serial}` })
          .returning("id")
          .executeTakeFirstOrThrow();
        await db
          .insertInto("answer")
          .values([
            { response_id: rid, question_id: single.value.questionId, option_id: options[(serial * 7) % 3]!.id },
            { response_id: rid, question_id: scale.value.questionId, value: 1 + ((serial * 3) % 5) },
          ])
          .execute();
      }
    await recount(db, cid);
    await db.updateTable("consultation").set({ opens_at: new Date(Date.now() - 40 * day), closes_at: new Date(Date.now() - 10 * day) }).where("id", "=", cid).execute();
    // Its summary, published (made up too, and says so).
    const summary = await C.saveSummary(db, staff, cid, {
      said: "(Démonstration) Les habitants demandent d'abord des jeux pour les enfants et des bancs à l'ombre. Beaucoup se sentent plutôt bien dans le quartier, moins à Cailloux.",
      saidFalc: "(Démonstration) Vous voulez des jeux pour les enfants. Vous voulez des bancs à l'ombre.",
      saidEn: "(Demonstration) Residents first ask for play areas for children and shaded benches. Many feel rather well in the neighbourhood, fewer in Cailloux.",
      saidAr: "(عرض توضيحي) يطلب السكان أولًا ألعابًا للأطفال ومقاعد في الظل. يشعر كثيرون بالارتياح في الحي، وأقل في كايو.",
      nextSteps: "(Démonstration) La ville étudiera deux aires de jeux en 2025 et en parlera au conseil citoyen avant les travaux.",
      nextStepsFalc: "(Démonstration) La ville va regarder où mettre 2 aires de jeux. Elle en parle avec le conseil citoyen avant.",
      nextStepsEn: "(Demonstration) The town will study two play areas in 2025 and discuss them with the conseil citoyen before any work.",
      nextStepsAr: "(عرض توضيحي) ستدرس المدينة إنشاء ساحتَي لعب في 2025 وتناقشهما مع المجلس المواطني قبل الأشغال.",
    });
    if (!summary.ok || !(await C.publishSummary(db, staff, cid)).ok) throw new Error("demo summary");
    created++;
  }
  return created;
}
