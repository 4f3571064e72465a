// Remix behind Express: a small adapter of our own in place of @remix-run/express's, so that
// a form body already read (by `readInput`, with its limit and without NUL; see input.ts) is
// handed to Remix as it was read. Same behaviour otherwise: the full URL, every
// header, an abort signal while the response is pending, every response header appended.
import type { AppLoadContext, ServerBuild } from "@remix-run/node";
import { createReadableStreamFromReadable, createRequestHandler, writeReadableStreamToWritable } from "@remix-run/node";
import type express from "express";
import { formBody } from "./input.js";

export type RemixHandler = (req: express.Request, res: express.Response, next: express.NextFunction) => Promise<void>;

/** The context key an action marks when it runs (PQ_TRACE_ACTIONS only). */
const REACHED = Symbol("reached action");

/**
 * With PQ_TRACE_ACTIONS=1 (the hostile-input test's servers only), each route's action marks
 * its request, and the response says so in `X-PQ-Action: reached`: the fuzz test can then
 * count the requests that got past the door, the limiter and the guard.
 */
function tracingActions(build: ServerBuild): ServerBuild {
  const routes: ServerBuild["routes"] = {};
  for (const [id, route] of Object.entries(build.routes)) {
    const action = route.module.action;
    routes[id] = !action
      ? route
      : {
          ...route,
          module: {
            ...route.module,
            action: (args) => {
              (args.context as unknown as Record<symbol, boolean>)[REACHED] = true;
              return action(args);
            },
          },
        };
  }
  return { ...build, routes };
}

export function remixHandler(build: ServerBuild, getLoadContext: (req: express.Request, res: express.Response) => AppLoadContext): RemixHandler {
  const trace = process.env.PQ_TRACE_ACTIONS === "1";
  const handle = createRequestHandler(trace ? tracingActions(build) : build, process.env.NODE_ENV === "production" ? "production" : "development");
  return async (req, res, next) => {
    try {
      const context = getLoadContext(req, res);
      const response = await handle(toFetchRequest(req, res, formBody(res)), context);
      if (trace && (context as unknown as Record<symbol, boolean>)[REACHED]) res.setHeader("X-PQ-Action", "reached");
      await send(res, response);
    } catch (error) {
      next(error);
    }
  };
}

function toFetchRequest(req: express.Request, res: express.Response, body?: string | Buffer): Request {
  // X-Forwarded-Host (the first, nearest the client) only when the proxy is trusted; the port
  // comes with the host.
  const forwarded = req.app.get("trust proxy") ? req.get("x-forwarded-host")?.split(",")[0]?.trim() : undefined;
  const host = forwarded || req.get("host") || "localhost";
  const headers = new Headers();
  for (const [key, value] of Object.entries(req.headers)) {
    if (Array.isArray(value)) for (const v of value) headers.append(key, v);
    else if (value !== undefined) headers.set(key, value);
  }
  let controller: AbortController | null = new AbortController();
  const signal = controller.signal;
  res.on("finish", () => (controller = null));
  res.on("close", () => controller?.abort());
  const init: RequestInit & { duplex?: "half" } = { method: req.method, headers, signal };
  if (req.method !== "GET" && req.method !== "HEAD") {
    init.body = body === undefined ? createReadableStreamFromReadable(req) : typeof body === "string" ? body : new Uint8Array(body);
    init.duplex = "half";
  }
  return new Request(`${req.protocol}://${host}${req.originalUrl}`, init);
}

async function send(res: express.Response, response: Response) {
  res.statusMessage = response.statusText;
  res.status(response.status);
  for (const [key, value] of response.headers.entries()) res.append(key, value);
  if (response.body) await writeReadableStreamToWritable(response.body, res);
  else res.end();
}
