import assert from "node:assert/strict";
import { test } from "node:test";
import { frenchCsv, neutraliseCell } from "./csv.js";

test("a text cell a spreadsheet would run as a formula is prefixed with a quote; others and numbers stay as they are", () => {
  for (const hostile of ["=1+1", "+33 6 00", "-2+3", "@SUM(A1)", "\tx", "\rx", "=HYPERLINK(\"http://evil.example\")"]) assert.equal(neutraliseCell(hostile), `'${hostile}`);
  for (const plain of ["Gagarine", "a=b", " =1", "", "1 - 2", "« moins »"]) assert.equal(neutraliseCell(plain), plain);
  assert.equal(neutraliseCell(-3), -3);
  assert.equal(neutraliseCell(0.125), 0.125);
  assert.equal(neutraliseCell(null), "");
  assert.equal(neutraliseCell(Number.NaN), "");
});

test("frenchCsv: BOM, ; and CRLF, quoted where needed, numbers unquoted", () => {
  assert.equal(frenchCsv([["a;b", "=x", -1, 2.5]]), '\ufeff"a;b";\'=x;-1;2.5\r\n');
});
