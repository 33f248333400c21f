/**
 * Text a spreadsheet opens: every CSV the platform hands out (the audit trail, an import's error report, the
 * departments' export) defuses cells a spreadsheet would run as a formula, here and nowhere else.
 */

/** A cell that starts with = + - @ tab or CR gets a leading apostrophe (CSV/formula injection, OWASP). */
export function defuseFormula(value: string): string {
  return /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
}

/** One CSV field: always quoted, formula-like text defused. */
export function csvField(value: string): string {
  return `"${defuseFormula(value).replace(/"/g, '""')}"`;
}

/** One CSV record with its CRLF (what Excel writes). */
export function csvLine(fields: readonly string[]): string {
  return `${fields.map(csvField).join(',')}\r\n`;
}

/** The byte order mark that makes Excel read a CSV as UTF-8 (Chinese text) rather than the system code page. */
export const UTF8_BOM = '\uFEFF';
