// Every CSV the site writes goes through here, for French Excel (decision 0021): `;` between
// cells, a BOM so it reads UTF-8, CRLF, decimals with a comma, and no cell a spreadsheet would
// run as a formula.
import { stringify } from "csv-stringify/sync";

export type CsvCell = string | number | null;

/**
 * A text cell that begins with `=`, `+`, `-`, `@`, a tab or a carriage return is read as a
 * formula by spreadsheets (CSV injection): by OWASP's rule it is prefixed with a single quote,
 * so it shows as the text it is. Numbers stay numbers.
 */
export function neutraliseCell(cell: CsvCell): string | number {
  if (cell === null) return "";
  if (typeof cell === "number") return Number.isFinite(cell) ? cell : "";
  return /^[=+\-@\t\r]/.test(cell) ? `'${cell}` : cell;
}

const FRENCH_NUMBER = new Intl.NumberFormat("fr-FR", { useGrouping: false, maximumFractionDigits: 6 });

/**
 * A number as French Excel reads one: a decimal comma, no grouping (a thin space between
 * thousands would make it text), a plain hyphen-minus, never an exponent.
 */
export function frenchNumber(n: number): string {
  return Number.isFinite(n) ? FRENCH_NUMBER.format(n).replace(/\u2212/g, "-") : "";
}

export function frenchCsv(rows: CsvCell[][]): string {
  return stringify(
    rows.map((row) => row.map((cell) => {
      const safe = neutraliseCell(cell);
      return typeof safe === "number" ? frenchNumber(safe) : safe;
    })),
    { delimiter: ";", bom: true, record_delimiter: "\r\n" },
  );
}

/** The response for a CSV download. */
export function csvResponse(body: string, fileName: string): Response {
  return new Response(body, {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="${fileName.replace(/[^\w.-]/g, "_")}"`,
      "Cache-Control": "no-store",
    },
  });
}
