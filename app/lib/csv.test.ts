import assert from "node:assert/strict";
import { test } from "node:test";
import { parse } from "csv-parse/sync";
import { frenchCsv, frenchNumber, neutraliseCell } from "./csv.js";

test("a text cell a spreadsheet would run as a formula is prefixed with a quote; others and numbers stay as they are", () => {
  for (const hostile of ["=1+1", "+33 6 00", "-2+3", "@SUM(A1)", "\tx", "\rx", "=HYPERLINK(\"http://evil.example\")"]) assert.equal(neutraliseCell(hostile), `'${hostile}`);
  for (const plain of ["Gagarine", "a=b", " =1", "", "1 - 2", "« moins »"]) assert.equal(neutraliseCell(plain), plain);
  assert.equal(neutraliseCell(-3), -3);
  assert.equal(neutraliseCell(0.125), 0.125);
  assert.equal(neutraliseCell(null), "");
  assert.equal(neutraliseCell(Number.NaN), "");
});

test("numbers as French Excel reads them: a decimal comma, no grouping, a plain minus, no exponent", () => {
  assert.deepEqual([2.5, -1, 0.125, 12345.6, 1e-7, 1e21, 0, -0.5].map(frenchNumber), ["2,5", "-1", "0,125", "12345,6", "0", "1000000000000000000000", "0", "-0,5"]);
  assert.equal(frenchNumber(Number.POSITIVE_INFINITY), "");
});

test("frenchCsv: BOM, ; and CRLF, quoted where needed, decimal commas", () => {
  assert.equal(frenchCsv([["a;b", "=x", -1, 2.5]]), '\ufeff"a;b";\'=x;-1;2,5\r\n');
});

test("read back under French rules (csv-parse: BOM, « ; », CRLF), every cell is what was written", () => {
  const rows = [
    ["question", "valeur", "remarque"],
    ["1. « Des bancs ; des jeux »", 0.667, ""],
    ['Il a dit "oui"', 4.333, "ex æquo"],
    ["ligne\r\nsuivante", null, "non publié"],
    ["=SOMME(A1:A2)", -2, "Très bien"],
  ];
  const csv = frenchCsv(rows);
  assert.ok(csv.startsWith("\ufeff"));
  const back: string[][] = parse(csv, { bom: true, delimiter: ";", record_delimiter: "\r\n" });
  assert.deepEqual(back, [
    ["question", "valeur", "remarque"],
    ["1. « Des bancs ; des jeux »", "0,667", ""],
    ['Il a dit "oui"', "4,333", "ex æquo"],
    ["ligne\r\nsuivante", "", "non publié"],
    ["'=SOMME(A1:A2)", "-2", "Très bien"],
  ]);
  // With « , » as the separator (English rules), the decimals would split the cells: the file is French only.
  assert.notDeepEqual(parse(csv, { bom: true, delimiter: ",", relax_column_count: true, relax_quotes: true })[1], back[1]);
});
