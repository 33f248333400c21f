/**
 * The counterparty list of /check: pasted lines (`名称[,统一社会信用代码]`, comma or tab
 * separated) and/or an uploaded CSV or XLSX file with the columns of ./columns.ts (a header
 * row is optional; without one the first column is the name and the second the code). CSV
 * text may be UTF-8, UTF-16 or GB18030 (Chinese Excel's default), decoded by lib/import/read.ts.
 * Each row is validated like an item of POST /api/v1/check.
 */
import ExcelJS from 'exceljs';
import { parse as parseCsv } from 'csv-parse/sync';
import { normalizeIdentifierInput } from '@/lib/identifiers';
import { cellText, decodeText } from '@/lib/import/read';
import { CHECK_FIELD_DOCS, CHECK_LIMITS, type CheckSubject, parseCheckSubject } from '@/lib/validation/check';
import { toFieldErrors, type PathKey } from '@/lib/validation/errors';
import { CHECK_COLUMNS, type CheckColumn } from './columns';

export const MAX_UPLOAD_BYTES = 2 * 1024 * 1024;
/** Row errors listed one by one; beyond this many, a count. */
const MAX_LISTED_ERRORS = 10;

type Row = { where: string; cells: string[] };
export type ListError = { field: 'list' | 'file'; message: string };
export type ParsedList = { subjects: CheckSubject[]; errors: ListError[] };

const headerKey = (s: string) => s.replace(/[\s*＊:：]/g, '').toLowerCase();
const headersOf = (key: CheckColumn['key']) =>
  new Set(CHECK_COLUMNS.find((c) => c.key === key)!.headers.map(headerKey));
const NAME_HEADERS = headersOf('name');
const ID_HEADERS = headersOf('idNumber');

/** An identifier rather than a name: 8 to 18 letters and digits, at least one digit, no Han. */
function looksLikeIdentifier(s: string): boolean {
  const id = normalizeIdentifierInput(s);
  return /^[0-9A-Z]{8,18}$/.test(id) && /\d/.test(id);
}

/** [name, code] from a row's filled cells: name first, but a code typed first (or alone) is understood. */
function orient(cells: string[]): [string | undefined, string | undefined] {
  const [a, b] = cells;
  if (a !== undefined && looksLikeIdentifier(a) && (b === undefined || !looksLikeIdentifier(b))) return [b, a];
  return [a, b];
}

/** Rows → subjects: header columns when the first row names them, else name then code. */
function rowsToSubjects(rows: Row[], field: ListError['field']): ParsedList {
  const filled = rows.filter((r) => r.cells.some((c) => c.trim() !== ''));
  const first = filled[0]?.cells.map(headerKey) ?? [];
  const header = first.some((c) => NAME_HEADERS.has(c) || ID_HEADERS.has(c));
  const nameCol = first.findIndex((c) => NAME_HEADERS.has(c));
  const idCol = first.findIndex((c) => ID_HEADERS.has(c));
  if (header) filled.shift();
  const subjects: CheckSubject[] = [];
  const errors: string[] = [];
  for (const row of filled) {
    const cells = header ? [row.cells[nameCol] ?? '', row.cells[idCol] ?? ''] : row.cells;
    const [name, idNumber] = orient(cells.map((c) => c.trim()).filter((c) => c !== ''));
    const parsed = parseCheckSubject({ ...(name ? { name } : {}), ...(idNumber ? { idNumber } : {}) }, []);
    if (parsed.ok) subjects.push(parsed.value);
    else
      errors.push(
        ...toFieldErrors(parsed.problems, (path: PathKey[]) => rowLabel(row.where, path)).map((e) => e.message),
      );
  }
  const listed = errors.slice(0, MAX_LISTED_ERRORS).map((message) => ({ field, message }));
  if (errors.length > MAX_LISTED_ERRORS)
    listed.push({ field, message: `另有 ${errors.length - MAX_LISTED_ERRORS} 处问题未列出` });
  return { subjects, errors: listed };
}

function rowLabel(where: string, path: PathKey[]): string {
  const key = path[0];
  return key === 'name' || key === 'idNumber' ? `${where}的${CHECK_FIELD_DOCS[key].label}` : `${where}的名称或证件号码`;
}

/** Pasted lines: tab-separated when the line has a tab, else comma-separated (，too). */
export function parsePastedList(text: string): ParsedList {
  const rows = text
    .split(/\r?\n/)
    .map((line, i) => ({ where: `列表第 ${i + 1} 行`, cells: line.split(line.includes('\t') ? '\t' : /[,，]/) }));
  return rowsToSubjects(rows, 'list');
}

/** An uploaded CSV/TSV/TXT or XLSX file (first worksheet), told apart by content. */
export async function parseUploadedList(bytes: Uint8Array, fileName: string): Promise<ParsedList> {
  const fail = (message: string): ParsedList => ({ subjects: [], errors: [{ field: 'file', message }] });
  if (bytes.byteLength > MAX_UPLOAD_BYTES) return fail(`文件不能超过 ${MAX_UPLOAD_BYTES / 1024 / 1024} MB`);
  const isZip = bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 0x03 && bytes[3] === 0x04;
  if (isZip) return readXlsx(bytes, fail);
  const binary = bytes.subarray(0, 8192).includes(0) && bytes[0] !== 0xff && bytes[0] !== 0xfe; // UTF-16 text has NULs
  if (/\.(xls|xlsx|xlsm|pdf|docx?)$/i.test(fileName) || binary) {
    return fail('请上传 CSV 或 XLSX 文件（旧版 .xls 请在 Excel 中另存为 .xlsx 或 CSV）');
  }
  const { text } = decodeText(bytes);
  const firstLine = text.slice(0, text.search(/\r?\n|$/));
  const delimiter = (firstLine.match(/\t/g)?.length ?? 0) > (firstLine.match(/,/g)?.length ?? 0) ? '\t' : ',';
  let records: string[][];
  try {
    records = parseCsv(text, {
      bom: true,
      delimiter,
      relax_column_count: true,
      relax_quotes: true,
      skip_empty_lines: false,
    }) as string[][];
  } catch {
    return fail('无法读取 CSV 文件，请检查文件格式');
  }
  return rowsToSubjects(
    records.map((cells, i) => ({ where: `文件第 ${i + 1} 行`, cells })),
    'file',
  );
}

async function readXlsx(bytes: Uint8Array, fail: (message: string) => ParsedList): Promise<ParsedList> {
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.load(
      Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength) as unknown as ExcelJS.Buffer,
    );
  } catch {
    return fail('无法读取 XLSX 文件（文件可能已损坏，或不是 Excel 工作簿）');
  }
  const sheet = workbook.worksheets[0];
  if (!sheet) return fail('XLSX 文件中没有工作表');
  const rows: Row[] = [];
  let lostDigits = false;
  sheet.eachRow({ includeEmpty: false }, (row, rowNumber) => {
    const values = Array.isArray(row.values) ? row.values : [];
    const cells: string[] = [];
    for (let c = 1; c < values.length; c++) {
      const t = cellText(values[c] as ExcelJS.CellValue);
      cells.push(t.text);
      lostDigits ||= t.lostDigits === true;
    }
    rows.push({ where: `文件第 ${rowNumber} 行`, cells });
  });
  if (lostDigits)
    return fail(
      '文件中有号码在 Excel 中存成了数字，超过 15 位的部分已丢失；请将该列设为“文本”格式、重新填写号码后再上传',
    );
  return rowsToSubjects(rows, 'file');
}

/** The whole list from the form: pasted lines first, then the file; at most CHECK_LIMITS.pageSubjects. */
export async function readCheckList(text: string, file: File | null): Promise<ParsedList> {
  const pasted = parsePastedList(text);
  const uploaded =
    file && file.size > 0
      ? await parseUploadedList(new Uint8Array(await file.arrayBuffer()), file.name)
      : { subjects: [], errors: [] };
  const subjects = [...pasted.subjects, ...uploaded.subjects];
  const errors = [...pasted.errors, ...uploaded.errors];
  if (errors.length === 0 && subjects.length === 0)
    errors.push({ field: 'list', message: '请填写或上传要核查的对象（每行一个名称，可附统一社会信用代码）' });
  if (subjects.length > CHECK_LIMITS.pageSubjects) {
    errors.push({
      field: text.trim() ? 'list' : 'file',
      message: `一次最多核查 ${CHECK_LIMITS.pageSubjects} 个对象，本次共 ${subjects.length} 个，请分批核查`,
    });
  }
  return { subjects, errors };
}
