// The page inventory: every file under app/routes, and every HTML page it serves, with the
// status it must answer. e2e/page-inventory.spec.ts scans each page; inventory.test.ts fails
// when a route file is missing here.
export interface InventoryPage {
  name: string;
  /**
   * A path. Placeholders: {territory:CODE} → that territory's id; {batch} → a code batch of
   * Gagarine; {code} → a fresh unused invitation code of it; {invitation} → a fresh council
   * invitation token for Beau Marais.
   */
  path: string;
  status: number;
  /**
   * Signed in as this demo account (db/seed/demo.ts) to see the page; e2e-pending (a resident
   * awaiting verification) and e2e-admin are made by the tests (support.ts).
   */
  as?: "gagarine-0001" | "agent-calais" | "moderation-beaumarais" | "conseil-beaumarais" | "e2e-pending" | "e2e-admin";
  /** A page seen by another role than its usual one: visited on a phone in fr and ar only. */
  roleOnly?: boolean;
}
export interface InventoryRoute {
  /** false: the route never answers with a page of its own (an action, a file, a redirect). */
  html: boolean;
  /** public: anyone; account: any signed-in person; staff: staff of the EPCI (admins too). */
  access: "public" | "account" | "staff";
  pages: InventoryPage[];
}

export const ROUTES: Record<string, InventoryRoute> = {
  "_index.tsx": {
    html: true,
    access: "public",
    pages: [
      { name: "home", path: "/", status: 200 },
      { name: "home search", path: "/?q=beaumarais", status: 200 },
    ],
  },
  "choisir.tsx": {
    html: true,
    access: "public",
    pages: [
      { name: "choose sous-secteur", path: "/choisir?territoire={territory:qpv-beau-marais}", status: 200 },
      { name: "choose: bad input", path: "/choisir?territoire=abc", status: 400 },
    ],
  },
  "quartiers.$id.tsx": {
    html: true,
    access: "public",
    pages: [
      { name: "QPV page", path: "/quartiers/{territory:qpv-beau-marais}?sous_secteur={territory:bm-gagarine}", status: 200 },
      { name: "QPV page with results", path: "/quartiers/{territory:qpv-fort-nieulay-cailloux-saint-pierre}?sous_secteur={territory:fncsp-cailloux}", status: 200 },
      { name: "secteur de vigilance page", path: "/quartiers/{territory:sv-crevecoeur-curie}", status: 200 },
      { name: "QPV without sous-secteur", path: "/quartiers/{territory:qpv-les-epis}", status: 200 },
    ],
  },
  "contrats._index.tsx": { html: true, access: "public", pages: [{ name: "contracts", path: "/contrats", status: 200 }] },
  "contrats.$code._index.tsx": {
    html: true,
    access: "public",
    pages: [
      { name: "contract tree", path: "/contrats/calais-2024-2030", status: 200 },
      { name: "contract search", path: "/contrats/calais-2024-2030?q=parentalite", status: 200 },
    ],
  },
  "contrats.$code.objectifs.$objective.tsx": {
    html: true,
    access: "public",
    pages: [
      { name: "objective", path: "/contrats/calais-2024-2030/objectifs/A1-OS1-OO5", status: 200 },
      { name: "objective with results", path: "/contrats/calais-2024-2030/objectifs/A1-OS3", status: 200 },
    ],
  },
  "accessibilite.tsx": { html: true, access: "public", pages: [{ name: "accessibility statement", path: "/accessibilite", status: 200 }] },
  "connexion.tsx": { html: true, access: "public", pages: [{ name: "log in", path: "/connexion", status: 200 }] },
  "deconnexion.tsx": { html: false, access: "public", pages: [] },
  "code.tsx": {
    html: true,
    access: "public",
    pages: [
      { name: "redeem: step 1", path: "/code", status: 200 },
      { name: "redeem: bad code", path: "/code?code=abcd-efgh-j0", status: 400 },
      { name: "redeem: step 2", path: "/code?code={code}", status: 200 },
    ],
  },
  "moderation.tsx": { html: true, access: "account", pages: [{ name: "moderation", path: "/moderation", status: 200, as: "moderation-beaumarais" }] },
  "compte._index.tsx": { html: true, access: "account", pages: [{ name: "my account", path: "/compte", status: 200, as: "gagarine-0001" }] },
  "compte.donnees.tsx": { html: true, access: "account", pages: [{ name: "my data", path: "/compte/donnees", status: 200, as: "gagarine-0001" }] },
  "compte.donnees[.]json.tsx": { html: false, access: "account", pages: [] },
  "confidentialite.tsx": { html: true, access: "public", pages: [{ name: "privacy", path: "/confidentialite", status: 200 }] },
  "staff.codes._index.tsx": { html: true, access: "staff", pages: [{ name: "staff: code batches", path: "/staff/codes", status: 200, as: "agent-calais" }] },
  "staff.codes.$id._index.tsx": { html: true, access: "staff", pages: [{ name: "staff: one batch", path: "/staff/codes/{batch}", status: 200, as: "agent-calais" }] },
  "staff.codes.$id.cartes.tsx": {
    html: true,
    access: "staff",
    pages: [
      { name: "staff: printable cards", path: "/staff/codes/{batch}/cartes", status: 200, as: "agent-calais" },
      { name: "staff: printable cards in French and Arabic", path: "/staff/codes/{batch}/cartes?langue=ar", status: 200, as: "agent-calais" },
      { name: "staff: printable cards, unknown language", path: "/staff/codes/{batch}/cartes?langue=de", status: 400, as: "agent-calais" },
    ],
  },
  "staff.codes.$id.csv.tsx": { html: false, access: "staff", pages: [] },
  "staff.journal.tsx": {
    html: true,
    access: "staff",
    pages: [
      { name: "staff: audit log", path: "/staff/journal", status: 200, as: "agent-calais" },
      { name: "staff: audit log, filtered", path: "/staff/journal?action=consultation&du=2020-01-01&au=2999-12-31", status: 200, as: "agent-calais" },
    ],
  },
  "staff.journal[.]csv.tsx": { html: false, access: "staff", pages: [] },
  "inscription.tsx": { html: true, access: "public", pages: [{ name: "sign up", path: "/inscription", status: 200 }] },
  "mot-de-passe-oublie.tsx": { html: true, access: "public", pages: [{ name: "forgotten password", path: "/mot-de-passe-oublie?envoye=1", status: 200 }] },
  "mot-de-passe.$token.tsx": { html: true, access: "public", pages: [{ name: "new password", path: "/mot-de-passe/abcdefghijklmnopqrstuvwx", status: 200 }] },
  "recuperation.tsx": { html: true, access: "public", pages: [{ name: "lost PIN", path: "/recuperation", status: 200 }] },
  "invitation.$token.tsx": { html: true, access: "public", pages: [{ name: "role invitation", path: "/invitation/{invitation}", status: 200 }] },
  "outbox.tsx": { html: true, access: "public", pages: [{ name: "mail outbox", path: "/outbox", status: 200 }] },
  "staff.habitants.tsx": { html: true, access: "staff", pages: [{ name: "staff: residents", path: "/staff/habitants?tous=1", status: 200, as: "agent-calais" }] },
  "staff.invitations.tsx": { html: true, access: "staff", pages: [
      { name: "staff: invitation links", path: "/staff/invitations", status: 200, as: "agent-calais" },
      { name: "staff: invitation links, one issued", path: "/staff/invitations{+invitation}", status: 200, as: "agent-calais" },
    ] },
  "staff.contrats.tsx": { html: true, access: "staff", pages: [{ name: "staff: contract upload", path: "/staff/contrats", status: 200, as: "agent-calais" }] },
  "staff.parametres.tsx": { html: true, access: "staff", pages: [{ name: "staff: settings", path: "/staff/parametres", status: 200, as: "agent-calais" }] },
  "consultations.$id._index.tsx": {
    html: true,
    access: "public",
    pages: [
      { name: "consultation (anonymous)", path: "/consultations/{consultation:open}", status: 200 },
      { name: "consultation: answer form", path: "/consultations/{consultation:open}", status: 200, as: "gagarine-0001" },
      { name: "consultation: closed", path: "/consultations/{consultation:closed}", status: 200 },
      { name: "consultation: multiple choice", path: "/consultations/{consultation:multiple}", status: 200, as: "gagarine-0001" },
    ],
  },
  "consultations.$id.merci.tsx": { html: true, access: "account", pages: [{ name: "consultation: confirmation", path: "/consultations/{consultation:answered}/merci", status: 200, as: "gagarine-0001" }] },
  "consultations.$id.resultats.tsx": {
    html: true,
    access: "public",
    pages: [
      { name: "results (demo, closed)", path: "/consultations/{consultation:closed}/resultats", status: 200 },
      { name: "results (live)", path: "/consultations/{consultation:open}/resultats", status: 200 },
    ],
  },
  "staff.consultations._index.tsx": { html: true, access: "staff", pages: [{ name: "staff: consultations", path: "/staff/consultations", status: 200, as: "agent-calais" }] },
  "staff.consultations.$id.tsx": { html: true, access: "staff", pages: [{ name: "staff: consultation editor", path: "/staff/consultations/{consultation:open}", status: 200, as: "agent-calais" }] },
  "consultations.$id.resultats[.]csv.tsx": { html: false, access: "public", pages: [] },
  "consultations.$id.resultats[.]json.tsx": { html: false, access: "public", pages: [] },
  "staff.consultations.$id_.bulletins.tsx": { html: true, access: "staff", pages: [
      { name: "staff: printable paper ballots", path: "/staff/consultations/{consultation:open}/bulletins?nombre=2", status: 200, as: "agent-calais" },
      { name: "staff: printable paper ballots, multiple choice", path: "/staff/consultations/{consultation:multiple}/bulletins?nombre=1", status: 200, as: "agent-calais" },
      { name: "staff: printable paper ballots in French and Arabic", path: "/staff/consultations/{consultation:closed}/bulletins?nombre=1&langues=fr-ar", status: 200, as: "agent-calais" },
    ] },
  "staff.consultations.$id_.saisie.tsx": { html: true, access: "staff", pages: [
      { name: "staff: typing paper ballots", path: "/staff/consultations/{consultation:open}/saisie", status: 200, as: "agent-calais" },
      { name: "staff: typing paper ballots, a ranking with one typed", path: "/staff/consultations/{consultation:typed}/saisie", status: 200, as: "agent-calais" },
    ] },
  "staff.consultations.$id_.proces-verbal.tsx": { html: true, access: "staff", pages: [
      { name: "staff: tally sheets", path: "/staff/consultations/{consultation:open}/proces-verbal", status: 200, as: "agent-calais" },
      { name: "staff: tally sheets, one pending and one confirmed", path: "/staff/consultations/{consultation:tallies}/proces-verbal", status: 200, as: "agent-calais" },
      { name: "staff: tally sheets, ranking", path: "/staff/consultations/{consultation:typed}/proces-verbal", status: 200, as: "agent-calais" },
    ] },
  "$.tsx": { html: true, access: "public", pages: [{ name: "404", path: "/cette-page-n-existe-pas", status: 404 }] },
  "preferences.tsx": { html: false, access: "public", pages: [] },
  "erreur.$status.tsx": {
    html: true,
    access: "public",
    pages: [
      { name: "403", path: "/erreur/403", status: 403 },
      { name: "413", path: "/erreur/413", status: 413 },
      { name: "429", path: "/erreur/429", status: 429 },
      { name: "error boundary (500)", path: "/erreur/500", status: 500 },
    ],
  },
};

/** Pages no route file owns (none today: unknown addresses go to $.tsx). */
export const EXTRA_PAGES: InventoryPage[] = [];

/**
 * The pages that differ by role, seen by the roles the rest does not sign in as: a council
 * member (co-signing, their quartier), a resident awaiting verification (told who verifies),
 * an admin (staff invitations, moving a contract code). Each on a phone, in fr and ar.
 */
export const ROLE_PAGES: InventoryPage[] = [
  ...(["/", "/compte", "/consultations/{consultation:closed}", "/consultations/{consultation:closed}/resultats", "/quartiers/{territory:qpv-beau-marais}"] as const).map((path) => ({ name: `council member: ${path}`, path, status: 200, as: "conseil-beaumarais" as const, roleOnly: true })),
  ...(["/", "/compte", "/consultations/{consultation:open}", "/code"] as const).map((path) => ({ name: `awaiting verification: ${path}`, path, status: 200, as: "e2e-pending" as const, roleOnly: true })),
  // Not /staff/consultations: visiting the staff list publishes results (decision 0019), and
  // staff-paper-and-tallies.spec.ts asserts exact published figures while it runs.
  ...(["/staff/invitations", "/staff/contrats", "/staff/parametres", "/staff/journal"] as const).map((path) => ({ name: `admin: ${path}`, path, status: 200, as: "e2e-admin" as const, roleOnly: true })),
];

// The role pages first: the last pages of a run are visited while the last specs run.
export const ALL_PAGES: InventoryPage[] = [...ROLE_PAGES, ...Object.values(ROUTES).flatMap((r) => r.pages), ...EXTRA_PAGES];
