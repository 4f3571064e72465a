import assert from "node:assert/strict";
import { test } from "node:test";
import { endOfParisDay, parisLocalToDate, toParisLocal } from "./paris-time.js";

test("Paris wall-clock times in winter and summer", () => {
  assert.equal(parisLocalToDate("2026-01-15T18:00")!.toISOString(), "2026-01-15T17:00:00.000Z");
  assert.equal(parisLocalToDate("2026-07-15T18:00")!.toISOString(), "2026-07-15T16:00:00.000Z");
  assert.equal(toParisLocal(new Date("2026-07-15T16:00:00Z")), "2026-07-15T18:00");
  assert.equal(parisLocalToDate("2026-02-30T10:00"), null);
  assert.equal(parisLocalToDate("demain"), null);
  assert.equal(endOfParisDay("2026-12-31")!.toISOString(), "2026-12-31T22:59:59.000Z");
});
