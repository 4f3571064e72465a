// <title> in the page's language: "<page> — Parlons Quartier", from the root loader's strings.
import type { MetaDescriptor } from "@remix-run/node";

type Match = { id: string; data: unknown };

function lookup(messages: unknown, key: string): string {
  let node: unknown = messages;
  for (const part of key.split(".")) node = node && typeof node === "object" ? (node as Record<string, unknown>)[part] : undefined;
  return typeof node === "string" ? node : "";
}

export function pageTitle(matches: Match[], key: string | null, extra?: string | null): MetaDescriptor[] {
  const root = matches.find((m) => m.id === "root")?.data as { messages?: unknown } | undefined;
  const site = lookup(root?.messages, "layout.siteName") || "Parlons Quartier";
  const parts = [extra, key ? lookup(root?.messages, key) : null, site].filter(Boolean);
  return [{ title: parts.join(" — ") }];
}
