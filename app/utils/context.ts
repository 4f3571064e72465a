// What the Express server hands every loader and action.
import type { Kysely } from "kysely";
import type { Database } from "../../db/schema.js";
import type { Viewer } from "../auth/guard.server.js";
import type { Language } from "../i18n/config.js";

declare module "@remix-run/node" {
  interface AppLoadContext {
    db: Kysely<Database>;
    databaseKind: "postgresql" | "pglite";
    cspNonce: string;
    lng: Language;
    secure: boolean;
    /** The signed-in account, loaded once per request (null when anonymous). */
    viewer: Promise<Viewer | null>;
    clientIp: string;
    /** The site's own address (PUBLIC_URL), for every link that leaves the site: never a request header. */
    publicUrl: string;
  }
}

export {};
