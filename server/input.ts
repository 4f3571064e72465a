// What a request brings in, before any route sees it: no NUL character (PostgreSQL refuses it
// in text, and no form ever needs one: it is dropped from the URL and from form bodies), and
// no body beyond a size a form of this app can reach (the request gets the 413 page).
import type express from "express";

/** A url-encoded form: the longest is a tally sheet or a staff editor form, far below this. */
export const FORM_BODY_LIMIT = 1024 * 1024;
/** A multipart form: the contract upload. */
export const MULTIPART_BODY_LIMIT = 10 * 1024 * 1024;

const NUL = /%00|\u0000/gi;
const HAS_NUL = /%00|\u0000/i;

export function withoutNul(text: string): string {
  return text.replace(NUL, "");
}

/** Serves the error page of `status` (the `erreur.$status` route) instead of what was asked. */
export function toErrorPage(req: express.Request, status: 403 | 413): void {
  req.method = "GET";
  req.url = `/erreur/${status}`;
  req.originalUrl = req.url;
}

/** The body of a form that `readInput` read, for the answer fast path and for Remix. */
export function formBody(res: express.Response): string | Buffer | undefined {
  return res.locals.formBody as string | Buffer | undefined;
}

export function readInput(): express.RequestHandler {
  return async (req, res, next) => {
    try {
      if (HAS_NUL.test(req.url)) {
        req.url = withoutNul(req.url);
        req.originalUrl = withoutNul(req.originalUrl);
      }
      const type = req.headers["content-type"] ?? "";
      const urlencoded = type.startsWith("application/x-www-form-urlencoded");
      if (req.method === "GET" || req.method === "HEAD" || !(urlencoded || type.startsWith("multipart/form-data"))) return next();
      const limit = urlencoded ? FORM_BODY_LIMIT : MULTIPART_BODY_LIMIT;
      const body = await readUpTo(req, limit);
      if (body === "cut") return;
      if (body === "tooLarge") {
        toErrorPage(req, 413);
        return next();
      }
      res.locals.formBody = urlencoded ? withoutNul(body.toString("utf8")) : body;
      next();
    } catch (error) {
      next(error);
    }
  };
}

/**
 * The whole body, or "tooLarge" when it is longer than `limit`: a refused body is still read to
 * its end and dropped, so the browser, which sends it all before it reads the answer, gets the
 * 413 page; past 8 times the limit the connection is cut instead ("cut").
 */
function readUpTo(req: express.Request, limit: number): Promise<Buffer | "tooLarge" | "cut"> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let refused = Number(req.headers["content-length"] ?? 0) > limit;
    req.on("data", (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) refused = true;
      if (!refused) chunks.push(chunk);
      else if (size > 8 * limit) {
        req.destroy();
        resolve("cut");
      }
    });
    req.on("end", () => resolve(refused ? "tooLarge" : Buffer.concat(chunks)));
    req.on("error", reject);
    req.on("aborted", () => resolve("cut"));
  });
}
