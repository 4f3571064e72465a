// Every CSV the site writes goes through here: `;`, a BOM and CRLF, which French Excel opens
// without asking, and no cell a spreadsheet would run as a formula.
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

export function frenchCsv(rows: CsvCell[][]): string {
  return stringify(
    rows.map((row) => row.map(neutraliseCell)),
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
