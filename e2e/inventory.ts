// The page inventory: every file under app/routes, and every HTML page it serves, with the
// status it must answer. e2e/page-inventory.spec.ts scans each page; inventory.test.ts fails
// when a route file is missing here.
export interface InventoryPage {
  name: string;
  /** A path, where {territory:CODE} is replaced by that territory's id. */
  path: string;
  status: number;
}
export interface InventoryRoute {
  /** false: the route never answers with a page of its own (an action, a redirect). */
  html: boolean;
  access: "public" | "staff" | "resident";
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
    pages: [{ name: "objective", path: "/contrats/calais-2024-2030/objectifs/A1-OS1-OO5", status: 200 }],
  },
  "accessibilite.tsx": { html: true, access: "public", pages: [{ name: "accessibility statement", path: "/accessibilite", status: 200 }] },
  "$.tsx": { html: true, access: "public", pages: [{ name: "404", path: "/cette-page-n-existe-pas", status: 404 }] },
  "preferences.tsx": { html: false, access: "public", pages: [] },
  "erreur.$status.tsx": {
    html: true,
    access: "public",
    pages: [
      { name: "403", path: "/erreur/403", status: 403 },
      { name: "429", path: "/erreur/429", status: 429 },
      { name: "error boundary (500)", path: "/erreur/500", status: 500 },
    ],
  },
};

/** Pages no route file owns (none today: unknown addresses go to $.tsx). */
export const EXTRA_PAGES: InventoryPage[] = [];

export const ALL_PAGES: InventoryPage[] = [...Object.values(ROUTES).flatMap((r) => r.pages), ...EXTRA_PAGES];
