// The critical path of voting, without JavaScript: the answer form's POST (a document request,
// not Remix's `_data` fetch) is taken here, before Remix, and given the same domain call and
// the same redirect as the route's action — once the consultation's questions are known, in a
// single database call that checks the session too. Only a success ends here; anything else —
// not signed in, refused, malformed, closed — goes on to the route itself, with the body
// already read, so the page renders its messages and keeps the values exactly as before.
import type express from "express";
import type { Kysely } from "kysely";
import type { Database } from "../db/schema.js";
import { holdsRole, type Viewer } from "../app/auth/guard.server.js";
import { parseSessionToken } from "../app/auth/session.server.js";
import { submitWebResponse, submitWebResponseBySession } from "../app/domain/consultations/mutations.server.js";
import { thanksPath } from "../app/domain/consultations/rules.js";
import { formToMap } from "../app/utils/form.js";
import { parseId } from "../app/utils/http.js";
import { formBody } from "./input.js";
import type { RemixHandler } from "./remix.js";

export function answerFastPath(db: Kysely<Database>, remix: RemixHandler): express.RequestHandler {
  return async (req, res, next) => {
    try {
      const id = parseId(req.params.id);
      const body = formBody(res);
      const token = parseSessionToken(res.locals.sessionToken as string | null);
      if (!id || typeof body !== "string" || !token || "_data" in req.query) return next();
      const entries = formToMap(new URLSearchParams(body));
      // What Remix's `redirect()` sends: 302, Location, no body.
      const thanks = () => {
        // The answer's action ran here, not in Remix (see remix.ts for the trace).
        if (process.env.PQ_TRACE_ACTIONS === "1") res.setHeader("X-PQ-Action", "reached");
        res.status(302).location(thanksPath(id)).end();
      };
      // Quickest: questions known, session and answer in one database call.
      if (await submitWebResponseBySession(db, token, id, entries)) return thanks();
      // Otherwise the usual way: the viewer, then the answer (which learns the questions).
      const viewer = (await res.locals.viewer) as Viewer | null;
      if (viewer && holdsRole(viewer, "resident") && (await submitWebResponse(db, viewer, id, entries)).ok) return thanks();
      await remix(req, res, next);
    } catch (error) {
      next(error);
    }
  };
}
