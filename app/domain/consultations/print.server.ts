// The printed ballot of a consultation, in French or in French and Arabic: its words and its
// pages (ballot-layout.ts). The print page and the editor's page count both come from here.
import type { DB } from "../../../db/index.server.js";
import { sayIn } from "../../i18n/resources.server.js";
import { formatParisDateTime } from "../../utils/paris-time.js";
import { paperView, type PaperLanguages, type PaperSource } from "./ballot-layout.js";
import { ballotPlaces } from "./paper.server.js";

type Printable = Omit<PaperSource, "closesAt" | "places"> & { id: number; closes_at: Date };

export async function printedBallot(db: DB, c: Printable, languages: PaperLanguages) {
  const places = (await ballotPlaces(db, c.id)).map((p) => p.name);
  return paperView({ ...c, closesAt: c.closes_at.toISOString(), places }, languages, sayIn, formatParisDateTime);
}

/** How many A4 pages one ballot takes, in French and in French and Arabic (shown in the editor). */
export async function paperPages(db: DB, c: Printable) {
  const [fr, frAr] = await Promise.all([printedBallot(db, c, "fr"), printedBallot(db, c, "fr-ar")]);
  return { fr: fr.pages.length, frAr: frAr.pages.length };
}
