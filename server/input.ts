// What a request brings in, before any route sees it: no NUL character (PostgreSQL refuses it
// in text, and no form ever needs one: it is dropped from the URL and from form bodies, url-
// encoded or multipart), no body beyond a size a form of this app can reach (the 413 page), a
// write only as a form (anything else gets the 415 page: every action reads a form), and no
// multipart body that cannot be read (the 400 page).
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
export function toErrorPage(req: express.Request, status: 400 | 403 | 413 | 415 | 503): void {
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
      if (req.method === "GET" || req.method === "HEAD" || req.method === "OPTIONS") return next();
      const type = (req.headers["content-type"] ?? "").toLowerCase();
      const urlencoded = type.startsWith("application/x-www-form-urlencoded");
      const multipart = type.startsWith("multipart/form-data");
      if (!urlencoded && !multipart) {
        // Drain what was sent, then the 415 page: a browser reads the answer only once it has sent all.
        const drained = await readUpTo(req, FORM_BODY_LIMIT);
        if (drained === "cut") return;
        toErrorPage(req, 415);
        return next();
      }
      const limit = urlencoded ? FORM_BODY_LIMIT : MULTIPART_BODY_LIMIT;
      const body = await readUpTo(req, limit);
      if (body === "cut") return;
      if (body === "tooLarge") {
        toErrorPage(req, 413);
        return next();
      }
      if (urlencoded) res.locals.formBody = withoutNul(body.toString("utf8"));
      else {
        const clean = await cleanMultipart(body, req.headers["content-type"]!);
        if (!clean) {
          toErrorPage(req, 400);
          return next();
        }
        res.locals.formBody = clean.body;
        req.headers["content-type"] = clean.type;
        req.headers["content-length"] = String(clean.body.length);
      }
      next();
    } catch (error) {
      next(error);
    }
  };
}

/**
 * A multipart body read as the routes will read it, with NUL dropped from every field name and
 * text value (a file is kept as sent: the contract import drops NUL from its texts), written
 * again; null when it cannot be read (no boundary, cut, malformed).
 */
async function cleanMultipart(body: Buffer, type: string): Promise<{ body: Buffer; type: string } | null> {
  let form: FormData;
  try {
    form = await new Response(new Uint8Array(body), { headers: { "content-type": type } }).formData();
  } catch {
    return null;
  }
  let changed = false;
  const clean = new FormData();
  for (const [name, value] of form.entries()) {
    const key = withoutNul(name);
    if (typeof value === "string") {
      const text = withoutNul(value);
      changed ||= key !== name || text !== value;
      clean.append(key, text);
    } else {
      changed ||= key !== name;
      clean.append(key, value, value.name);
    }
  }
  if (!changed) return { body, type };
  const rewritten = new Response(clean);
  return { body: Buffer.from(await rewritten.arrayBuffer()), type: rewritten.headers.get("content-type")! };
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
