import { AppError } from '@/lib/errors';
/**
 * Reads an import file (XLSX, CSV or JSON) into raw push objects, one per record, for
 * `parseEntryPush` to validate. See lib/import/formats.ts for the record formats.
 *
 * - XLSX (zip magic `PK\x03\x04`, whatever the extension): every worksheet whose header
 *   row (found among its first 20 rows, so a title row above it is fine) has Attachment 1
 *   or national-format columns; read with exceljs.
 * - CSV/TSV: UTF-8 with or without BOM, UTF-16 with BOM (Excel's “Unicode text”), or
 *   GB18030/GBK (Chinese Excel's default “CSV” export, detected as invalid UTF-8); comma
 *   or tab separated; parsed with csv-parse.
 * - JSON: an array of records, `{ data: [...] }` (also `result`/`list`/`records`/`rows`/
 *   `items`, and one level down under `data`), a single record, or JSON Lines. Records
 *   may be national (iname, caseCode…), Attachment 1 (Chinese keys) or already push
 *   objects (caseNo, subjectType…; passed through unchanged).
 *
 * `line` is the 1-based line where the record starts (CSV, JSON Lines), its row number
 * (XLSX) or its 1-based position in the array (JSON array).
 */
import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { parse as parseCsv } from 'csv-parse/sync';
import { FORMAT_CHARS_MESSAGE, hasFormatChars } from '@/lib/text/plain-text';
import {
  attachment1Field,
  fromAttachment1Row,
  fromNationalJson,
  looksNational,
  normalizeHeader,
  type ConvertResult,
  type RawPush,
} from './formats';
import type { DefaultedField } from './defaults';

export type ImportFormat = 'xlsx' | 'csv' | 'json';

export type ImportRecord = {
  line: number;
  /** The raw push object, or null when the record could not be read at all (see `error`). */
  raw: RawPush | null;
  error?: string;
  unknownColumns?: string[];
  warnings?: string[];
  /** Fields the record left out, filled by the default rule (lib/import/defaults.ts). */
  defaults?: DefaultedField[];
  /** Worksheet name, when an XLSX file has more than one sheet with data. */
  sheet?: string;
};

export type ImportFile = {
  format: ImportFormat;
  records: ImportRecord[];
  /** File-level notes (Chinese): text encoding used, sheets skipped… */
  notes: string[];
};

export const DEFAULT_MAX_BYTES = 50 * 1024 * 1024;

export type ImportErrorCode = 'unsupported_type' | 'too_large' | 'unreadable' | 'no_header' | 'empty' | 'bad_name';

/** A whole-file problem; `message` is Chinese and fit to show to the uploader. */
export class ImportFileError extends AppError {
  constructor(
    readonly code: ImportErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'ImportFileError';
  }
}

const SUPPORTED = '请上传 XLSX、CSV 或 JSON 文件（附件1 失信被执行人信息推送表，或全国失信被执行人 JSON 数据）';
const TEXT_EXTS = new Set(['.csv', '.tsv', '.txt']);
const JSON_EXTS = new Set(['.json', '.jsonl', '.ndjson']);
const XLSX_EXTS = new Set(['.xlsx', '.xlsm']);

/**
 * The name an import file is shown and recorded by (the actor of the CLI's events): its base
 * name, at most 100 characters, plain text (lib/text/plain-text.ts) or an ImportFileError.
 */
export function importFileName(name: string): string {
  const base = path.basename(name).slice(0, 100);
  if (hasFormatChars(base)) throw new ImportFileError('bad_name', `文件名${FORMAT_CHARS_MESSAGE}，请重命名后再导入`);
  return base;
}

/** Reads and converts an import file; rejects with ImportFileError for whole-file problems. */
export async function readImportFile(filePath: string, opts: { maxBytes?: number } = {}): Promise<ImportFile> {
  const maxBytes = opts.maxBytes ?? DEFAULT_MAX_BYTES;
  const name = importFileName(filePath);
  const info = await stat(filePath).catch(() => null);
  if (!info?.isFile()) throw new ImportFileError('unreadable', `无法读取文件：${name}`);
  if (info.size > maxBytes) {
    throw new ImportFileError('too_large', `文件过大（${formatMb(info.size)}），上限为 ${formatMb(maxBytes)}`);
  }
  if (info.size === 0) throw new ImportFileError('empty', '文件为空');
  const bytes = new Uint8Array(await readFile(filePath));
  return readImportBytes(bytes, path.extname(filePath).toLowerCase());
}

/** Same as readImportFile for bytes already in memory; `ext` like '.csv' ('' when unknown). */
export async function readImportBytes(bytes: Uint8Array, ext: string): Promise<ImportFile> {
  const kind = sniff(bytes, ext);
  if (kind === 'xlsx') return readXlsx(bytes);
  const { text, encoding } = decodeText(bytes);
  const notes = encoding === 'utf-8' ? [] : [`文件编码按 ${encoding.toUpperCase()} 读取`];
  const trimmed = text.trimStart();
  if (trimmed === '') throw new ImportFileError('empty', '文件为空');
  const isJson = JSON_EXTS.has(ext) || (!TEXT_EXTS.has(ext) && (trimmed.startsWith('[') || trimmed.startsWith('{')));
  const result = isJson ? readJson(text) : readCsv(text);
  result.notes.unshift(...notes);
  return result;
}

function formatMb(n: number): string {
  return `${(n / 1024 / 1024).toFixed(n < 10 * 1024 * 1024 ? 1 : 0)} MB`;
}

// ---------------------------------------------------------------------------
// Type sniffing and text decoding
// ---------------------------------------------------------------------------

function startsWith(bytes: Uint8Array, magic: number[]): boolean {
  return magic.every((b, i) => bytes[i] === b);
}

function sniff(bytes: Uint8Array, ext: string): 'xlsx' | 'text' {
  const label = ext || '（无扩展名）';
  if (ext === '.xls' || startsWith(bytes, [0xd0, 0xcf, 0x11, 0xe0])) {
    if (ext === '' || ext === '.xls' || XLSX_EXTS.has(ext) || TEXT_EXTS.has(ext)) {
      throw new ImportFileError(
        'unsupported_type',
        `不支持的文件类型：旧版 Excel（.xls）文件，请在 Excel 中另存为 .xlsx 或 CSV 后上传。${SUPPORTED}`,
      );
    }
  }
  if (ext !== '' && !XLSX_EXTS.has(ext) && !TEXT_EXTS.has(ext) && !JSON_EXTS.has(ext)) {
    throw new ImportFileError('unsupported_type', `不支持的文件类型（${label}）。${SUPPORTED}`);
  }
  // The content decides between XLSX and text: courts rename files.
  if (startsWith(bytes, [0x50, 0x4b, 0x03, 0x04])) return 'xlsx';
  if (XLSX_EXTS.has(ext)) {
    throw new ImportFileError(
      'unsupported_type',
      `不支持的文件类型：扩展名为 ${ext}，但内容不是 XLSX 文件。${SUPPORTED}`,
    );
  }
  const isUtf16 = startsWith(bytes, [0xff, 0xfe]) || startsWith(bytes, [0xfe, 0xff]);
  if (!isUtf16 && bytes.subarray(0, 8192).includes(0)) {
    throw new ImportFileError('unsupported_type', `不支持的文件类型（${label}）：不是文本文件。${SUPPORTED}`);
  }
  return 'text';
}

/**
 * Decodes text bytes: UTF-16 by BOM, UTF-8 (BOM stripped) when valid, otherwise
 * GB18030 (a superset of GBK and GB2312: Chinese Excel's and WPS's “CSV” export).
 */
export function decodeText(bytes: Uint8Array): {
  text: string;
  encoding: 'utf-8' | 'utf-16le' | 'utf-16be' | 'gb18030';
} {
  if (startsWith(bytes, [0xff, 0xfe])) return { text: new TextDecoder('utf-16le').decode(bytes), encoding: 'utf-16le' };
  if (startsWith(bytes, [0xfe, 0xff])) return { text: new TextDecoder('utf-16be').decode(bytes), encoding: 'utf-16be' };
  try {
    // TextDecoder strips a UTF-8 BOM by default.
    return { text: new TextDecoder('utf-8', { fatal: true }).decode(bytes), encoding: 'utf-8' };
  } catch {
    return { text: new TextDecoder('gb18030').decode(bytes), encoding: 'gb18030' };
  }
}

// ---------------------------------------------------------------------------
// Tables (CSV and XLSX share header detection and row conversion)
// ---------------------------------------------------------------------------

type TableRow = { line: number; cells: string[]; error?: string };

/** National keys recognised in a table header (a CSV export of national records). */
const NATIONAL_HEADER_KEYS = new Set([
  'iname',
  'casecode',
  'cardnum',
  'businessentity',
  'courtname',
  'areaname',
  'gistid',
  'regdate',
  'gistunit',
  'disrupttypename',
  'publishdate',
  'partytypename',
  'sexy',
  'unperformpart',
  'performedpart',
]);

function headerScore(cells: string[]): { attachment1: number; national: number } {
  let attachment1 = 0;
  let national = 0;
  for (const c of cells) {
    if (attachment1Field(c) !== null) attachment1++;
    if (NATIONAL_HEADER_KEYS.has(c.trim().toLowerCase())) national++;
  }
  return { attachment1, national };
}

/** The template's footer ("添加“*”标记的为选填项") and similar notes below the data. */
function isNoteRow(cells: string[]): boolean {
  const filled = cells.filter((c) => c.trim() !== '');
  if (filled.length !== 1) return false;
  const t = (filled[0] ?? '').trim();
  return /选填项|必填项/.test(t) || /^(注|说明|备注|填表说明)[:：]/.test(t);
}

/**
 * Finds the header row among the first 20 rows (the first with 3+ known columns) and
 * converts every following non-empty row. Returns null when there is no header row.
 */
function convertTable(rows: TableRow[]): { kind: 'attachment1' | 'national'; records: ImportRecord[] } | null {
  let headerAt = -1;
  let kind: 'attachment1' | 'national' = 'attachment1';
  for (let i = 0; i < Math.min(rows.length, 20); i++) {
    const score = headerScore(rows[i]?.cells ?? []);
    if (score.attachment1 >= 3 || score.national >= 3) {
      headerAt = i;
      kind = score.national > score.attachment1 ? 'national' : 'attachment1';
      break;
    }
  }
  const headerRow = rows[headerAt];
  if (!headerRow) return null;

  // Column names: blank headers become 第N列; repeated headers get a suffix so no cell is lost.
  const used = new Set<string>();
  const headers = headerRow.cells.map((c, i) => {
    let name = c.trim() === '' ? `第${i + 1}列` : c.trim();
    if (used.has(name)) name = `${name}（第${i + 1}列）`;
    used.add(name);
    return name;
  });

  const records: ImportRecord[] = [];
  for (const row of rows.slice(headerAt + 1)) {
    if (row.cells.every((c) => c.trim() === '') || isNoteRow(row.cells)) continue;
    if (row.error) {
      records.push({ line: row.line, raw: null, error: row.error });
      continue;
    }
    const record: Record<string, string> = {};
    row.cells.forEach((cell, i) => {
      const key = headers[i] ?? `第${i + 1}列`;
      if (headers[i] === undefined && cell.trim() === '') return;
      record[key] = cell;
    });
    for (const h of headers) record[h] ??= '';
    const converted = kind === 'attachment1' ? fromAttachment1Row(record) : fromNationalJson(record);
    records.push(toRecord(row.line, converted));
  }
  return { kind, records };
}

function toRecord(line: number, c: ConvertResult): ImportRecord {
  const rec: ImportRecord = { line, raw: c.raw };
  if (c.unknownColumns.length > 0) rec.unknownColumns = c.unknownColumns;
  if (c.warnings.length > 0) rec.warnings = c.warnings;
  if (c.defaults.length > 0) rec.defaults = c.defaults;
  return rec;
}

const NO_HEADER =
  '未找到表头：前 20 行中没有包含附件1《失信被执行人信息推送表》列名（如“案号”“失信被执行人姓名/名称”“执行法院”）的行';

// ---------------------------------------------------------------------------
// CSV
// ---------------------------------------------------------------------------

function readCsv(text: string): ImportFile {
  const firstLine = text.slice(0, text.search(/\r?\n|$/));
  const delimiter = (firstLine.match(/\t/g)?.length ?? 0) > (firstLine.match(/,/g)?.length ?? 0) ? '\t' : ',';
  let parsed: { record: string[]; raw: string; info: { lines: number } }[];
  try {
    parsed = parseCsv(text, {
      bom: true,
      delimiter,
      relax_column_count: true,
      skip_empty_lines: false,
      info: true,
      raw: true,
    }) as unknown as typeof parsed;
  } catch (e) {
    const err = e as { message?: string; lines?: number };
    throw new ImportFileError(
      'unreadable',
      `CSV 格式错误${err.lines ? `（第 ${err.lines} 行附近）` : ''}：${err.message ?? String(e)}`,
    );
  }
  const rows: TableRow[] = parsed.map(({ record, raw, info }) => {
    const inner = (raw.match(/\n/g)?.length ?? 0) - (raw.endsWith('\n') ? 1 : 0);
    return { line: info.lines - inner, cells: record };
  });
  const table = convertTable(rows);
  if (!table) throw new ImportFileError('no_header', NO_HEADER);
  const notes: string[] = [];
  if (table.kind === 'national') notes.push('按全国失信被执行人数据格式（iname、caseCode…）读取');
  return { format: 'csv', records: table.records, notes };
}

// ---------------------------------------------------------------------------
// XLSX
// ---------------------------------------------------------------------------

const pad2 = (n: number) => String(n).padStart(2, '0');

/** Cell text; numbers too long for a double (IDs typed as numbers) are flagged. */
export function cellText(value: ExcelJS.CellValue): { text: string; lostDigits?: boolean } {
  if (value === null || value === undefined) return { text: '' };
  if (typeof value === 'string') return { text: value };
  if (typeof value === 'number') {
    if (Number.isInteger(value) && !Number.isSafeInteger(value)) return { text: String(value), lostDigits: true };
    return { text: String(value) };
  }
  if (typeof value === 'boolean') return { text: value ? 'TRUE' : 'FALSE' };
  if (value instanceof Date) {
    // exceljs gives Excel's wall-clock date/time as if it were UTC.
    if (Number.isNaN(value.getTime())) return { text: '' };
    const date = `${value.getUTCFullYear()}-${pad2(value.getUTCMonth() + 1)}-${pad2(value.getUTCDate())}`;
    const time = `${pad2(value.getUTCHours())}:${pad2(value.getUTCMinutes())}:${pad2(value.getUTCSeconds())}`;
    return { text: time === '00:00:00' ? date : `${date} ${time}` };
  }
  if ('richText' in value) return { text: value.richText.map((r) => r.text).join('') };
  if ('error' in value) return { text: String(value.error) };
  if ('formula' in value || 'sharedFormula' in value) {
    return cellText((value as { result?: ExcelJS.CellValue }).result ?? null);
  }
  if ('text' in value) {
    const t = (value as { text: unknown }).text;
    return typeof t === 'string' ? { text: t } : cellText(t as ExcelJS.CellValue);
  }
  return { text: '' };
}

async function readXlsx(bytes: Uint8Array): Promise<ImportFile> {
  const workbook = new ExcelJS.Workbook();
  try {
    // exceljs's typings predate Node's Buffer generics; it accepts any Buffer.
    await workbook.xlsx.load(
      Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength) as unknown as ExcelJS.Buffer,
    );
  } catch (e) {
    throw new ImportFileError(
      'unreadable',
      `无法读取 XLSX 文件（文件可能已损坏，或不是 Excel 工作簿）：${(e as Error).message}`,
    );
  }
  const sheets: { name: string; records: ImportRecord[] }[] = [];
  const notes: string[] = [];
  for (const sheet of workbook.worksheets) {
    const rows: TableRow[] = [];
    let header: string[] | null = null;
    sheet.eachRow({ includeEmpty: false }, (row, rowNumber) => {
      const values = Array.isArray(row.values) ? row.values : [];
      const cells: string[] = [];
      let lost: string | null = null;
      for (let c = 1; c < values.length; c++) {
        const t = cellText(values[c] as ExcelJS.CellValue);
        cells.push(t.text);
        if (t.lostDigits && lost === null) lost = header?.[c - 1] ?? `第${c}列`;
      }
      if (header === null && (headerScore(cells).attachment1 >= 3 || headerScore(cells).national >= 3)) header = cells;
      const r: TableRow = { line: rowNumber, cells };
      if (lost !== null) {
        r.error = `「${normalizeHeader(lost)}」列的号码在 Excel 中存成了数字，超过 15 位的部分已丢失；请将该列设为“文本”格式、重新填写号码后再导出`;
      }
      rows.push(r);
    });
    const table = convertTable(rows);
    if (!table) {
      if (rows.length > 0) notes.push(`工作表「${sheet.name}」没有可识别的表头，未导入`);
      continue;
    }
    sheets.push({ name: sheet.name, records: table.records });
  }
  if (sheets.length === 0) throw new ImportFileError('no_header', NO_HEADER);
  const records = sheets.flatMap((s) =>
    sheets.length > 1 ? s.records.map((r) => ({ ...r, sheet: s.name })) : s.records,
  );
  return { format: 'xlsx', records, notes };
}

// ---------------------------------------------------------------------------
// JSON
// ---------------------------------------------------------------------------

const WRAPPER_KEYS = ['data', 'result', 'list', 'records', 'rows', 'items'];
const PUSH_KEYS = new Set(['caseNo', 'subjectType', 'basisDocNo', 'basisIssuer', 'publishedAt', 'filedAt']);

/** The array of records inside a parsed JSON document, or null when it is a single record. */
function unwrap(doc: unknown): unknown[] | null {
  if (Array.isArray(doc)) return doc;
  if (doc === null || typeof doc !== 'object') return null;
  const o = doc as Record<string, unknown>;
  for (const k of WRAPPER_KEYS) {
    const inner = o[k];
    if (Array.isArray(inner)) return inner;
    if (k === 'data' && inner !== null && typeof inner === 'object') {
      const nested = unwrap(inner);
      if (nested) return nested;
    }
  }
  return null;
}

function convertJsonRecord(line: number, item: unknown): ImportRecord {
  if (item === null || typeof item !== 'object' || Array.isArray(item)) {
    return { line, raw: null, error: `第 ${line} 条不是 JSON 对象` };
  }
  const o = item as Record<string, unknown>;
  if (looksNational(o)) return toRecord(line, fromNationalJson(o));
  const keys = Object.keys(o);
  if (keys.filter((k) => attachment1Field(k) !== null).length >= 3) {
    const row: Record<string, string> = {};
    for (const [k, v] of Object.entries(o)) {
      row[k] = v === null || v === undefined ? '' : typeof v === 'object' ? JSON.stringify(v) : String(v);
    }
    return toRecord(line, fromAttachment1Row(row));
  }
  if (keys.some((k) => PUSH_KEYS.has(k))) return { line, raw: { ...o } };
  return {
    line,
    raw: null,
    error: '无法识别的记录格式：既不是全国失信被执行人数据（iname、caseCode…），也不是附件1 或推送格式',
  };
}

function readJson(text: string): ImportFile {
  const body = text.replace(/^\uFEFF/, '');
  const trimmed = body.trimStart();
  let doc: unknown;
  let parseError: Error | null = null;
  try {
    doc = JSON.parse(body);
  } catch (e) {
    parseError = e as Error;
  }
  if (parseError === null) {
    const items = unwrap(doc);
    if (items) return { format: 'json', records: items.map((item, i) => convertJsonRecord(i + 1, item)), notes: [] };
    if (doc !== null && typeof doc === 'object')
      return { format: 'json', records: [convertJsonRecord(1, doc)], notes: [] };
    throw new ImportFileError(
      'unreadable',
      'JSON 文件中没有记录（应为记录数组、{ "data": [...] } 或每行一条记录的 JSON Lines）',
    );
  }
  if (!trimmed.startsWith('{')) {
    throw new ImportFileError('unreadable', `JSON 格式错误：${parseError.message}`);
  }
  // JSON Lines: one object per line.
  const records: ImportRecord[] = [];
  body.split(/\r?\n/).forEach((lineText, i) => {
    if (lineText.trim() === '') return;
    try {
      records.push(convertJsonRecord(i + 1, JSON.parse(lineText)));
    } catch (e) {
      records.push({ line: i + 1, raw: null, error: `JSON 格式错误：${(e as Error).message}` });
    }
  });
  return { format: 'json', records, notes: [] };
}
