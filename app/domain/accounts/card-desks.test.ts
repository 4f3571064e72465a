// Getting in without a card (issue 14, point 5): where cards are handed out is each live
// batch's help text — only batches with a code still to give, only the visitor's quartier or
// EPCI, never a code nor a batch's label; staff of the batch's EPCI alone rewrite it, audited;
// an account awaiting verification is told who confirms it and where.
import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { sql } from "kysely";
import type { TestDatabase } from "../../../db/testing.js";
import { openTestWorld, territory } from "../../../db/seed/test-world.js";
import { createInvitationBatch, redeemCode, revokeUnusedCodes, updateBatchHelp } from "./mutations.server.js";
import { cardDesks, whoVerifies } from "./queries.server.js";
import { deskItems, readCardLanguage, splitPhones, typedAddress } from "./rules.js";

let t: TestDatabase;
let w: Awaited<ReturnType<typeof openTestWorld>>["w"];
const ids: Record<string, number> = {};
const allCodes: string[] = [];
const LABEL = "Étiquette interne du lot";

async function batch(viewer: typeof w.staff, territoryId: number, helpText: string, size = 2) {
  const r = await createInvitationBatch(t.db, viewer, { territoryId, label: LABEL, size, expiresAt: new Date(Date.now() + 30 * 86400_000), helpText });
  assert.ok(r.ok);
  const codes = await t.db.selectFrom("invitation_code").select("code").where("batch_id", "=", r.value.batchId).execute();
  allCodes.push(...codes.map((c) => c.code));
  return { id: r.value.batchId, codes: codes.map((c) => c.code) };
}

before(async () => {
  ({ t, w } = await openTestWorld());
  ids.greuze = await territory(t.db, "bm-greuze-vadez");
  ids.crevecoeur = await territory(t.db, "sv-crevecoeur-curie");
  ids.cailloux = await territory(t.db, "fncsp-cailloux");
  // Live: Gagarine (twice the same text: shown once), Beau Marais as a whole, Greuze-Vadez, Fort Nieulay, and Les Épis in Val de Scarpe.
  ids.gagarine = (await batch(w.staff, w.gagarine, "Centre social Matisse, lundi-vendredi 9 h-12 h, 03 21 00 00 00")).id;
  await batch(w.staff, w.gagarine, "Centre social Matisse, lundi-vendredi 9 h-12 h, 03 21 00 00 00");
  await batch(w.staff, w.beauMarais, "Mairie annexe du Beau Marais");
  await batch(w.staff, ids.greuze, "Maison pour tous Greuze");
  await batch(w.staff, w.fortNieulay, "Centre Fort Nieulay");
  await batch(w.otherStaff, w.epis, "Mairie des Épis");
  // Not live: expired, every code revoked, every code redeemed.
  const expired = await batch(w.staff, w.gagarine, "Lot expiré");
  await t.db.updateTable("invitation_batch").set({ expires_at: sql<Date>`now() - interval '1 minute'` }).where("id", "=", expired.id).execute();
  const revoked = await batch(w.staff, w.gagarine, "Lot révoqué");
  assert.ok((await revokeUnusedCodes(t.db, w.staff, revoked.id)).ok);
  const spent = await batch(w.staff, w.gagarine, "Lot épuisé", 1);
  assert.ok((await redeemCode(t.db, { code: spent.codes[0]!, displayName: "Samira", secret: { kind: "pin" }, subsectorId: null, ageBand: null, gender: null }, null)).ok);
});
after(() => t?.drop());

const texts = (desks: { help: { fr: string } }[]) => desks.map((d) => d.help.fr);

describe("where to get a card", () => {
  test("a sous-secteur's desks: its own batches and its QPV's, each text once; not a neighbour's, not another EPCI's", async () => {
    const desks = await cardDesks(t.db, w.gagarine, "place");
    assert.deepEqual(texts(desks).sort(), ["Centre social Matisse, lundi-vendredi 9 h-12 h, 03 21 00 00 00", "Mairie annexe du Beau Marais"]);
    assert.ok(desks.every((d) => d.here));
    assert.equal(new Set(desks.map((d) => d.epciName)).size, 1);
    const gagarine = desks.find((d) => d.territoryName === "Gagarine")!;
    assert.equal(gagarine.qpvName, "Beau Marais");
  });

  test("only batches with a code still to give: not expired, not all revoked, not all redeemed", async () => {
    const everywhere = texts(await cardDesks(t.db, null, "epci"));
    for (const dead of ["Lot expiré", "Lot révoqué", "Lot épuisé"]) assert.ok(!everywhere.includes(dead), dead);
    // Once its last code is redeemed, a batch is no longer a desk.
    const last = await batch(w.staff, ids.cailloux, "Dernière carte", 1);
    assert.ok(texts(await cardDesks(t.db, ids.cailloux, "place")).includes("Dernière carte"));
    assert.ok((await redeemCode(t.db, { code: last.codes[0]!, displayName: "Nadia", secret: { kind: "pin" }, subsectorId: null, ageBand: null, gender: null }, null)).ok);
    assert.ok(!texts(await cardDesks(t.db, ids.cailloux, "place")).includes("Dernière carte"));
  });

  test("a QPV's desks include its sous-secteurs'; a secteur without batch has none; no quartier, no desk", async () => {
    assert.deepEqual(texts(await cardDesks(t.db, w.beauMarais, "place")).sort(), ["Centre social Matisse, lundi-vendredi 9 h-12 h, 03 21 00 00 00", "Mairie annexe du Beau Marais", "Maison pour tous Greuze"]);
    assert.deepEqual(await cardDesks(t.db, ids.crevecoeur, "place"), []);
    assert.deepEqual(await cardDesks(t.db, null, "place"), []);
    assert.deepEqual(await cardDesks(t.db, 987654, "place"), [], "an unknown id from a cookie");
  });

  test("the EPCI's desks, the quartier's first; never another EPCI's; every EPCI's without a quartier", async () => {
    const calais = await cardDesks(t.db, w.gagarine, "epci");
    assert.deepEqual(calais.map((d) => d.here), [true, true, false, false]);
    assert.ok(!texts(calais).includes("Mairie des Épis"));
    assert.ok(texts(calais).includes("Centre Fort Nieulay") && texts(calais).includes("Maison pour tous Greuze"));
    const scarpe = await cardDesks(t.db, w.epis, "epci");
    assert.deepEqual(texts(scarpe), ["Mairie des Épis"]);
    const all = await cardDesks(t.db, null, "epci");
    assert.ok(texts(all).includes("Mairie des Épis") && texts(all).includes("Centre Fort Nieulay"));
    assert.ok(all.every((d) => !d.here));
  });

  test("no code and no batch label ever reaches a desk", async () => {
    const seen = JSON.stringify([await cardDesks(t.db, null, "epci"), await cardDesks(t.db, w.gagarine, "epci"), await cardDesks(t.db, w.beauMarais, "place"), await whoVerifies(t.db, w.gagarine)]);
    assert.ok(allCodes.length > 10);
    for (const code of allCodes) assert.ok(!seen.includes(code), `code ${code} leaked`);
    assert.ok(!seen.includes(LABEL));
    assert.deepEqual(Object.keys((await cardDesks(t.db, w.gagarine, "place"))[0]!).sort(), ["epciName", "help", "here", "qpvName", "territoryName"]);
  });

  test("staff of the batch's EPCI rewrite its help, with FALC, English and Arabic versions, audited; staff of another EPCI cannot", async () => {
    assert.deepEqual(await updateBatchHelp(t.db, w.otherStaff, ids.gagarine!, { helpText: "Piraté" }), { ok: false, error: "forbidden" });
    assert.deepEqual(await updateBatchHelp(t.db, w.staff, 987654, { helpText: "x" }), { ok: false, error: "notFound" });
    const r = await updateBatchHelp(t.db, w.staff, ids.gagarine!, { helpText: " Centre social Matisse, 03 21 00 00 00 ", helpTextFalc: "Allez au centre social Matisse.", helpTextEn: "", helpTextAr: "المركز الاجتماعي ماتيس، 03 21 00 00 00" });
    assert.deepEqual(r, { ok: true, value: null });
    const row = await t.db.selectFrom("invitation_batch").select(["help_text", "help_text_falc", "help_text_en", "help_text_ar"]).where("id", "=", ids.gagarine!).executeTakeFirstOrThrow();
    assert.deepEqual(row, { help_text: "Centre social Matisse, 03 21 00 00 00", help_text_falc: "Allez au centre social Matisse.", help_text_en: null, help_text_ar: "المركز الاجتماعي ماتيس، 03 21 00 00 00" });
    const audit = await t.db.selectFrom("audit_event").selectAll().where("action", "=", "invitation_batch.help_update").where("target_id", "=", String(ids.gagarine)).execute();
    assert.equal(audit.length, 1);
    assert.equal(audit[0]!.actor_account_id, w.staff.accountId);
    assert.deepEqual(audit[0]!.detail, { versions: ["fr", "falc", "ar"] });
    // The database holds the card's 200 characters and a French text, whoever writes.
    await assert.rejects(t.db.updateTable("invitation_batch").set({ help_text_ar: "ب".repeat(201) }).where("id", "=", ids.gagarine!).execute(), /invitation_batch_help_text_length/);
    await assert.rejects(t.db.updateTable("invitation_batch").set({ help_text: "  " }).where("id", "=", ids.gagarine!).execute(), /invitation_batch_help_text_not_blank/);
    // Each reader gets their version: Arabic in Arabic, easy-read when asked, French otherwise.
    const desk = (await cardDesks(t.db, w.gagarine, "place")).filter((d) => d.territoryName === "Gagarine");
    assert.deepEqual(deskItems(desk, "ar", false).map((d) => d.help), [{ text: "المركز الاجتماعي ماتيس، 03 21 00 00 00", lang: "ar" }, { text: "Centre social Matisse, lundi-vendredi 9 h-12 h, 03 21 00 00 00", lang: "fr" }]);
    assert.equal(deskItems(desk, "fr", true)[0]!.help.text, "Allez au centre social Matisse.");
    assert.equal(deskItems(desk, "en", false)[0]!.help.lang, "fr");
  });
});

describe("who confirms an account awaiting verification", () => {
  test("the staff of its EPCI, at its quartier's desks; else the EPCI's; nothing to name without a quartier", async () => {
    const gagarine = await whoVerifies(t.db, w.gagarine);
    assert.equal(gagarine.epciName, (await t.db.selectFrom("territory").select("name").where("code", "=", "ca-grand-calais-terres-et-mers").executeTakeFirstOrThrow()).name);
    assert.ok(texts(gagarine.desks).includes("Mairie annexe du Beau Marais") && gagarine.desks.every((d) => d.here));
    // Crèvecœur has no desk of its own: the EPCI's are given, never Val de Scarpe's.
    const crevecoeur = await whoVerifies(t.db, ids.crevecoeur!);
    assert.ok(crevecoeur.desks.length > 0 && crevecoeur.desks.every((d) => !d.here));
    assert.ok(!texts(crevecoeur.desks).includes("Mairie des Épis"));
    const epis = await whoVerifies(t.db, w.epis);
    assert.deepEqual(texts(epis.desks), ["Mairie des Épis"]);
    assert.deepEqual(await whoVerifies(t.db, null), { epciName: null, desks: [] });
  });
});

describe("rules", () => {
  test("phone numbers become numbers to dial, as people write them", () => {
    assert.deepEqual(splitPhones("Centre social, 03 21 00 00 00 (matin)"), [{ text: "Centre social, " }, { text: "03 21 00 00 00", tel: "+33321000000" }, { text: " (matin)" }]);
    assert.deepEqual(splitPhones("+33 3 21 46 00 00 ou 06.12.34.56.78"), [{ text: "+33 3 21 46 00 00", tel: "+33321460000" }, { text: " ou " }, { text: "06.12.34.56.78", tel: "+33612345678" }]);
    assert.deepEqual(splitPhones("Mairie, 9 h-12 h"), [{ text: "Mairie, 9 h-12 h" }]);
  });

  test("the card's second language: none, Arabic or English; anything else refused", () => {
    assert.deepEqual(readCardLanguage(null), { ok: true, value: null });
    assert.deepEqual(readCardLanguage("fr"), { ok: true, value: null });
    assert.deepEqual(readCardLanguage("ar"), { ok: true, value: "ar" });
    assert.deepEqual(readCardLanguage("en"), { ok: true, value: "en" });
    assert.deepEqual(readCardLanguage("de"), { ok: false });
    assert.deepEqual(readCardLanguage("<script>"), { ok: false });
  });

  test("the address to type is the public one, without its scheme", () => {
    assert.equal(typedAddress("https://participation.example.fr"), "participation.example.fr/code");
    assert.equal(typedAddress("https://example.fr/quartiers"), "example.fr/quartiers/code");
  });
});
