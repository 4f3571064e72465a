// The Express app around Remix: compression, security headers with a CSP nonce,
// the cross-site write check, the language, static files, /healthz and request logs.
import { randomBytes } from "node:crypto";
import path from "node:path";
import type { ServerBuild } from "@remix-run/node";
import compression from "compression";
import express from "express";
import helmet from "helmet";
import type { Logger } from "pino";
import type { DatabaseHandle } from "../db/index.server.js";
import { ping } from "../db/index.server.js";
import { isUnreachable } from "../db/unavailable.js";
import { LANGUAGE_COOKIE, resolveLanguage } from "../app/i18n/config.js";
import { loadViewerFromToken, type Viewer } from "../app/auth/guard.server.js";
import { SESSION_COOKIE, clearSessionCookie } from "../app/auth/session.server.js";
import { preferenceCookie, readCookie } from "../app/utils/cookies.js";
import { isCrossSiteWrite } from "../app/utils/origin.js";
import { answerFastPath } from "./answer-fast-path.js";
import { readInput, toErrorPage } from "./input.js";
import { remixHandler } from "./remix.js";

export interface AppOptions {
  database: DatabaseHandle;
  build: ServerBuild;
  logger: Logger;
  trustProxy?: boolean;
  cookieSecure?: boolean;
  publicDir?: string;
  /** The site's address for links that leave it (see public-url.ts). */
  publicUrl: string;
}

export function createApp(options: AppOptions): express.Express {
  const { database, build, logger } = options;
  const app = express();
  app.disable("x-powered-by");
  if (options.trustProxy) app.set("trust proxy", true);

  // Request log: method, path without its query string (it may carry codes), status, time.
  app.use((req, res, next) => {
    const start = process.hrtime.bigint();
    res.on("finish", () => {
      const ms = Number(process.hrtime.bigint() - start) / 1e6;
      logger.info({ method: req.method, path: req.path, status: res.statusCode, ms: Math.round(ms * 10) / 10 }, "request");
    });
    next();
  });

  app.use(compression());

  app.use((_req, res, next) => {
    res.locals.cspNonce = randomBytes(16).toString("base64");
    next();
  });
  app.use(
    helmet({
      contentSecurityPolicy: {
        directives: {
          defaultSrc: ["'self'"],
          scriptSrc: ["'self'", (_req, res) => `'nonce-${(res as express.Response).locals.cspNonce}'`],
          styleSrc: ["'self'"],
          imgSrc: ["'self'", "data:"],
          fontSrc: ["'self'"],
          connectSrc: ["'self'"],
          formAction: ["'self'"],
          frameAncestors: ["'none'"],
          baseUri: ["'self'"],
          objectSrc: ["'none'"],
          upgradeInsecureRequests: null,
        },
      },
      crossOriginEmbedderPolicy: false,
      // "no-referrer" would make Chromium send `Origin: null` on our own form posts.
      referrerPolicy: { policy: "same-origin" },
      strictTransportSecurity: options.cookieSecure ? undefined : false,
    }),
  );

  app.get("/healthz", async (_req, res) => {
    try {
      await ping(database.db);
      res.set("Cache-Control", "no-store").json({ status: "ok", database: database.kind });
    } catch (error) {
      logger.error({ err: error }, "healthz: database unreachable");
      res.status(503).json({ status: "error", database: database.kind });
    }
  });

  const publicDir = options.publicDir ?? path.resolve("public");
  app.use("/build", express.static(path.join(publicDir, "build"), { immutable: true, maxAge: "1y" }));
  app.use(express.static(publicDir, { maxAge: "1h", index: false }));

  // No NUL character anywhere, and no oversized body (the 413 page).
  app.use(readInput());

  // Cross-site writes get the 403 page, and never reach an action.
  app.use((req, _res, next) => {
    const blocked = isCrossSiteWrite({
      method: req.method,
      host: req.get("x-forwarded-host") && options.trustProxy ? req.get("x-forwarded-host") : req.get("host"),
      secFetchSite: req.get("sec-fetch-site"),
      origin: req.get("origin"),
      referer: req.get("referer"),
    });
    if (blocked) {
      logger.warn({ method: req.method, path: req.path }, "cross-site write refused");
      toErrorPage(req, 403);
    }
    next();
  });

  app.use((req, res, next) => {
    const { lng, remember } = resolveLanguage({
      query: typeof req.query.lng === "string" ? req.query.lng : null,
      cookie: readCookie(req.headers.cookie, LANGUAGE_COOKIE),
      acceptLanguage: req.get("accept-language"),
    });
    res.locals.lng = lng;
    if (remember) res.append("Set-Cookie", preferenceCookie(LANGUAGE_COOKIE, lng, { secure: isSecure(req, options) }));
    next();
  });

  // The session: a bad, expired or tampered token is simply "logged out" and its cookie
  // cleared. The viewer is read when something first asks for it (every page's root loader
  // does), so the answer fast path can check the session inside its own single call instead.
  app.use((req, res, next) => {
    const token = readCookie(req.headers.cookie, SESSION_COOKIE);
    res.locals.sessionToken = token;
    let loading: Promise<Viewer | null> | undefined;
    const load = () =>
      (loading ??= loadViewerFromToken(database.db, token).then((viewer) => {
        if (!viewer && !res.headersSent) res.append("Set-Cookie", clearSessionCookie(isSecure(req, options)));
        return viewer;
      }));
    res.locals.viewer = token ? ({ then: (ok, ko) => load().then(ok, ko) } satisfies PromiseLike<Viewer | null>) : Promise.resolve(null);
    next();
  });

  const remix = remixHandler(build, (req, res) => ({
    db: database.db,
    databaseKind: database.kind,
    cspNonce: res.locals.cspNonce as string,
    lng: res.locals.lng,
    secure: isSecure(req, options),
    viewer: res.locals.viewer,
    clientIp: req.ip ?? req.socket.remoteAddress ?? "unknown",
    publicUrl: options.publicUrl,
  }));
  app.post("/consultations/:id", answerFastPath(database.db, remix));
  app.all("*", (req, res, next) => remix(req, res, next));

  // The database out of reach where Express, not Remix, met it (the answer fast path, the
  // session): the 503 page, as Remix gives it to its own routes; anything else is a 500.
  app.use((error: unknown, req: express.Request, res: express.Response, next: express.NextFunction) => {
    if (!isUnreachable(error)) return next(error);
    logger.warn({ method: req.method, path: req.path }, "database unreachable: 503");
    if (res.headersSent) return void res.end();
    toErrorPage(req, 503);
    void remix(req, res, () => void res.status(503).type("text/plain").send("Service momentanément indisponible"));
  });
  return app;
}

function isSecure(req: express.Request, options: AppOptions): boolean {
  return Boolean(options.cookieSecure) || (Boolean(options.trustProxy) && req.secure);
}
