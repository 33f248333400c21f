/**
 * Conversion of the court's data, as it arrives in files, into RAW push objects: the
 * JSON shape the push API accepts (English camelCase keys, see lib/entry-input.ts),
 * still unvalidated. `parseEntryPush` (lib/validation/entry-push.ts) validates them.
 *
 * Two record formats:
 * - Attachment 1 (附件1 失信被执行人信息推送表) rows keyed by its Chinese column headers,
 *   plus our extra columns 失信严重程度, 失信信息有效期, 公开方式 and 更新时间 (XLSX or CSV files);
 * - the national 失信被执行人 JSON records (中国执行信息公开网 / data resellers: iname,
 *   caseCode, cardNum…, in camelCase or all-lowercase keys).
 *
 * Principles:
 * - a value that can be converted is converted (dates, 男性 → 男, 自然人 → person…);
 * - a value that cannot is passed through unchanged, with a warning, so that validation
 *   rejects it with an error on the right field instead of the importer guessing;
 * - empty cells are omitted (validation reports missing required fields);
 * - nothing is dropped silently: unknown columns/keys are returned in `unknownColumns`.
 *
 * Times without an offset are China Standard Time: a date-only 发布时间 becomes
 * `YYYY-MM-DDT00:00:00+08:00`; 立案时间 becomes `YYYY-MM-DD`; a date-only 失信信息有效期
 * means "valid through that day" and becomes `YYYY-MM-DDT23:59:59+08:00`.
 */
import { createHash } from 'node:crypto';
import { removeFormatChars } from '@/lib/text/plain-text';
import { CST_OFFSET_MS } from '@/lib/cst';
import { isRealDate } from '@/lib/calendar';
import { applyImportDefaults, type DefaultedField } from './defaults';

/** A push object before validation: keys of the push API, values as converted. */
export type RawPush = Record<string, unknown>;

export type ConvertResult = {
  raw: RawPush;
  /** Columns (Attachment 1) or keys (national JSON) that map to no push field. */
  unknownColumns: string[];
  /** Values that could not be converted and were passed through, inferences made… (Chinese). */
  warnings: string[];
  /** Fields left out of the record and filled by the default rule (./defaults.ts). */
  defaults: DefaultedField[];
};

// ---------------------------------------------------------------------------
// Small helpers
// ---------------------------------------------------------------------------

const pad2 = (n: number) => String(n).padStart(2, '0');

/** A real date with a four-digit year (what a spreadsheet cell can mean). */
function isCellDate(y: number, m: number, d: number): boolean {
  return y >= 1000 && y <= 9999 && isRealDate(y, m, d);
}

/** Text of a cell/JSON value, trimmed; '' for null/undefined. Numbers keep their digits. */
function text(v: unknown): string {
  if (v === null || v === undefined) return '';
  if (typeof v === 'string') return v.trim();
  if (typeof v === 'number' || typeof v === 'boolean' || typeof v === 'bigint') return String(v);
  return JSON.stringify(v);
}

// ---------------------------------------------------------------------------
// Dates
// ---------------------------------------------------------------------------

/** A calendar date with an optional wall-clock time, both in China Standard Time. */
export type ImportDate = { date: string; time: string | null };

function fromInstant(ms: number): ImportDate | null {
  if (!Number.isFinite(ms)) return null;
  const t = new Date(ms + CST_OFFSET_MS);
  const y = t.getUTCFullYear();
  if (y < 1900 || y > 9999) return null;
  const date = `${y}-${pad2(t.getUTCMonth() + 1)}-${pad2(t.getUTCDate())}`;
  // Milliseconds are kept when there are any: 更新时间 orders versions to the millisecond.
  const millis = t.getUTCMilliseconds();
  const fraction = millis ? `.${String(millis).padStart(3, '0')}` : '';
  const hms = `${pad2(t.getUTCHours())}:${pad2(t.getUTCMinutes())}:${pad2(t.getUTCSeconds())}${fraction}`;
  return { date, time: hms === '00:00:00' ? null : hms };
}

/**
 * Excel serial day number (1900 date system, as XLSX stores dates and as a CSV shows a
 * date cell that lost its format) → CST wall-clock date/time. Serial 1 is 1900-01-01;
 * Excel's fictitious 1900-02-29 (serial 60) and earlier serials are not accepted.
 */
export function excelSerialToDate(serial: number): ImportDate | null {
  if (!Number.isFinite(serial) || serial < 61 || serial >= 2_958_466) return null;
  const days = Math.floor(serial);
  const seconds = Math.round((serial - days) * 86_400);
  const ms = Date.UTC(1899, 11, 30) + days * 86_400_000 + seconds * 1000;
  // The serial is a wall-clock time already: format it without any offset.
  return fromInstant(ms - CST_OFFSET_MS);
}

/** 2024年5月1日, optionally with a time (9时30分, 09:30:00), as the national system writes dates. */
const CHINESE_DATE_TIME = new RegExp(
  '^(\\d{4})\\s*年\\s*(\\d{1,2})\\s*月\\s*(\\d{1,2})\\s*日?' +
    '(?:\\s*(\\d{1,2})\\s*[:时]\\s*(\\d{1,2})(?:\\s*[:分]\\s*(\\d{1,2})\\s*秒?)?)?$',
);

/**
 * Parses the date formats found in court exports:
 * '2014年12月11日', '2014年12月11日 10:30', '2015-03-28', '2015-03-28 00:00:00',
 * '2015/3/28', '2015.3.28', '20150328', ISO date-times with 'Z' or an offset (converted to
 * CST), Excel serial numbers (when `excelSerial`) and Unix epochs in seconds or
 * milliseconds (9+ digit integers, as national JSON feeds carry them).
 * Returns null when the value is not a real date in one of these forms.
 */
export function parseImportDate(value: unknown, opts: { excelSerial?: boolean } = {}): ImportDate | null {
  if (value instanceof Date) return fromInstant(value.getTime());
  if (typeof value === 'number') return parseNumericDate(value, String(value), opts);
  if (typeof value !== 'string') return null;
  const s = value.normalize('NFKC').trim();
  if (s === '') return null;

  if (/^\d+(\.\d+)?$/.test(s)) return parseNumericDate(Number(s), s, opts);

  // ISO 8601 with an explicit zone: an instant, shown in CST.
  if (/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})$/i.test(s)) {
    const ms = Date.parse(s);
    return Number.isNaN(ms) ? null : fromInstant(ms);
  }

  const m =
    CHINESE_DATE_TIME.exec(s) ??
    /^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})(?:(?:\s+|T)(\d{1,2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?)?$/.exec(s);
  if (!m) return null;
  const [y, mo, d, hh, mi, ss] = [m[1], m[2], m[3], m[4], m[5], m[6]].map((x) =>
    x === undefined ? undefined : Number(x),
  );
  if (y === undefined || mo === undefined || d === undefined || !isCellDate(y, mo, d)) return null;
  const date = `${y}-${pad2(mo)}-${pad2(d)}`;
  if (hh === undefined || mi === undefined) return { date, time: null };
  const sec = ss ?? 0;
  if (hh > 23 || mi > 59 || sec > 59) return null;
  const time = `${pad2(hh)}:${pad2(mi)}:${pad2(sec)}`;
  return { date, time: time === '00:00:00' ? null : time };
}

function parseNumericDate(n: number, digits: string, opts: { excelSerial?: boolean }): ImportDate | null {
  if (!Number.isFinite(n) || n <= 0) return null;
  if (/^\d{8}$/.test(digits)) {
    // Compact YYYYMMDD (the national site's 立案时间, e.g. '20200508').
    const y = Number(digits.slice(0, 4));
    const m = Number(digits.slice(4, 6));
    const d = Number(digits.slice(6, 8));
    return isCellDate(y, m, d)
      ? { date: `${digits.slice(0, 4)}-${digits.slice(4, 6)}-${digits.slice(6, 8)}`, time: null }
      : null;
  }
  if (Number.isInteger(n) && n >= 100_000_000) {
    // Unix epoch: seconds up to the year 5138, milliseconds beyond.
    return fromInstant(n < 1e11 ? n * 1000 : n);
  }
  return opts.excelSerial ? excelSerialToDate(n) : null;
}

/** 'YYYY-MM-DDTHH:mm:ss+08:00' for an instant field (发布时间, 撤销时间, 更新时间). */
export function toInstantString(d: ImportDate): string {
  return `${d.date}T${d.time ?? '00:00:00'}+08:00`;
}

// ---------------------------------------------------------------------------
// Field value converters
// ---------------------------------------------------------------------------

/** 标识自然人或企业法人 (or the national partyTypeName) → subjectType, or null when unknown. */
export function parseSubjectType(value: string): 'person' | 'organization' | null {
  const v = value.normalize('NFKC').replace(/\s/g, '').toLowerCase();
  if (['自然人', '个人', 'person', '公民'].includes(v)) return 'person';
  if (
    [
      '企业法人',
      '法人',
      '单位',
      '法人及其他组织',
      '法人或其他组织',
      '法人或者其他组织',
      '其他组织',
      '非自然人',
      '企业',
      '组织',
      '法人组织',
      '非法人组织',
      'organization',
      'organisation',
    ].includes(v)
  ) {
    return 'organization';
  }
  return null;
}

export function parseGender(value: string): '男' | '女' | null {
  const v = value.normalize('NFKC').replace(/\s/g, '').toLowerCase();
  if (['男', '男性', 'm', 'male'].includes(v)) return '男';
  if (['女', '女性', 'f', 'female'].includes(v)) return '女';
  return null;
}

export function parseAge(value: string): number | null {
  const m = /^(\d{1,3})(?:\.0+)?\s*(?:岁|周岁)?$/.exec(value.normalize('NFKC').trim());
  return m?.[1] === undefined ? null : Number(m[1]);
}

export function parseSeverity(value: string): 'general' | 'serious' | null {
  const v = value.normalize('NFKC').replace(/\s/g, '').toLowerCase();
  if (['一般', '一般失信', 'general'].includes(v)) return 'general';
  if (['严重', '严重失信', 'serious'].includes(v)) return 'serious';
  return null;
}

export function parseDisclosure(value: string): 'public' | 'restricted' | null {
  const v = value.normalize('NFKC').replace(/\s/g, '').toLowerCase();
  if (['公开', '是', 'public'].includes(v)) return 'public';
  if (['不宜公开', '依法不宜公开', '不公开', '否', 'restricted'].includes(v)) return 'restricted';
  return null;
}

/**
 * 多证件列表: "护照:E12345678；港澳通行证:C1234567" (':' or '：', items separated by
 * ；;，, or newlines), or a JSON array of { type, number }. An item without a type keeps
 * an empty type (with a warning) so validation can reject it.
 */
export function parseOtherIds(value: string, warnings: string[] = []): { type: string; number: string }[] {
  const s = value.trim();
  if (s.startsWith('[')) {
    try {
      const parsed: unknown = JSON.parse(s);
      if (Array.isArray(parsed)) {
        return parsed.map((item) => {
          const o = (item ?? {}) as Record<string, unknown>;
          return { type: text(o.type), number: text(o.number) };
        });
      }
    } catch {
      // fall through to the text form
    }
  }
  const out: { type: string; number: string }[] = [];
  for (const part of s.split(/[；;，,\n\r|]+/)) {
    const item = part.trim();
    if (item === '') continue;
    const m = /^([^:：]*)[:：](.*)$/.exec(item);
    if (m) {
      out.push({ type: (m[1] ?? '').trim(), number: (m[2] ?? '').trim() });
    } else {
      warnings.push(`多证件列表中的「${item}」未写明证件类型（应为“证件类型:号码”）`);
      out.push({ type: '', number: item });
    }
  }
  return out;
}

/**
 * The circumstances of 《最高人民法院关于公布失信被执行人名单信息的若干规定》第一条. Some
 * contain '、' themselves, so '、' only separates circumstances that are recognised.
 */
export const STATUTORY_CIRCUMSTANCES = [
  '有履行能力而拒不履行生效法律文书确定义务',
  '以伪造证据、暴力、威胁等方法妨碍、抗拒执行',
  '以虚假诉讼、虚假仲裁或者以隐匿、转移财产等方法规避执行',
  '违反财产报告制度',
  '违反限制消费令',
  '无正当理由拒不履行执行和解协议',
] as const;

function circumstanceKey(s: string): string {
  return s.normalize('NFKC').replace(/\s/g, '').replace(/^其他/, '').replace(/的$/, '');
}
const KNOWN_CIRCUMSTANCES = new Set(STATUTORY_CIRCUMSTANCES.map(circumstanceKey));

/**
 * 失信被执行人具体情形 → string[]: split on Chinese/ASCII commas and semicolons and on
 * newlines; '、' splits only between recognised statutory circumstances (a run of
 * unrecognised text containing '、' stays one item). Leading enumerators ('1.', '（一）')
 * and trailing '。' are removed; the wording is otherwise kept as given.
 */
export function splitCircumstances(value: string): string[] {
  const out: string[] = [];
  for (const piece0 of value.split(/[，,；;\n\r]+/)) {
    const piece = piece0
      .trim()
      .replace(/^(?:[(（][一二三四五六七八九十\d]{1,3}[)）]|[一二三四五六七八九十\d]{1,3}[.．、)）])\s*/, '')
      .replace(/[。.]+$/, '')
      .trim();
    if (piece === '') continue;
    const parts = piece.split('、');
    let unknownRun: string[] = [];
    const flush = () => {
      if (unknownRun.length > 0) out.push(unknownRun.join('、').trim());
      unknownRun = [];
    };
    let i = 0;
    while (i < parts.length) {
      let matched = 0;
      for (let j = parts.length; j > i; j--) {
        if (KNOWN_CIRCUMSTANCES.has(circumstanceKey(parts.slice(i, j).join('、')))) {
          matched = j - i;
          break;
        }
      }
      if (matched > 0) {
        flush();
        out.push(
          parts
            .slice(i, i + matched)
            .join('、')
            .trim(),
        );
        i += matched;
      } else {
        unknownRun.push(parts[i] ?? '');
        i += 1;
      }
    }
    flush();
  }
  return out.filter((s) => s !== '');
}

/**
 * 失信信息有效期 → validUntil: a date (valid through that day: 23:59:59 CST), a range
 * whose end is taken ('2015-03-28至2017-03-28'), 'N年' counted from 发布时间, or
 * 长期/永久/至撤销 (→ null: until removed). Returns undefined when not understood.
 */
export function parseValidUntil(
  value: string,
  publishedAt: ImportDate | null,
  excelSerial: boolean,
): string | null | undefined {
  const s = value.normalize('NFKC').trim();
  if (/^(长期|永久|长期有效|无固定期限|至(依法)?撤销(之日)?(止)?|至(被)?屏蔽(之日)?)$/.test(s)) return null;
  const years = /^(\d{1,2})\s*年$/.exec(s);
  if (years?.[1] !== undefined) {
    if (!publishedAt) return undefined;
    const [y, m, d] = publishedAt.date.split('-').map(Number) as [number, number, number];
    const ty = y + Number(years[1]);
    let td = d;
    if (!isCellDate(ty, m, td)) td = 28; // 29 February → 28 February
    return `${ty}-${pad2(m)}-${pad2(td)}T${publishedAt.time ?? '00:00:00'}+08:00`;
  }
  const range = s.split(/\s*(?:至|到|~|～|—|--)\s*/);
  const end = range[range.length - 1] ?? s;
  const d = parseImportDate(end, { excelSerial });
  if (!d) return undefined;
  return d.time === null ? `${d.date}T23:59:59+08:00` : toInstantString(d);
}

// ---------------------------------------------------------------------------
// Attachment 1 (附件1 失信被执行人信息推送表)
// ---------------------------------------------------------------------------

type FieldKind =
  | 'text'
  | 'subjectType'
  | 'gender'
  | 'age'
  | 'otherIds'
  | 'circumstances'
  | 'instant'
  | 'date'
  | 'severity'
  | 'validUntil'
  | 'disclosure';

/** Attachment 1's headers (and the spellings seen in exports) → push field and kind. */
const ATTACHMENT1_COLUMNS: [headers: string[], field: string, kind: FieldKind][] = [
  [['信息唯一标识', '唯一标识'], 'uid', 'text'],
  [['案号'], 'caseNo', 'text'],
  [['失信被执行人姓名/名称', '被执行人姓名/名称', '失信被执行人姓名或名称', '姓名/名称'], 'name', 'text'],
  [['性别'], 'gender', 'gender'],
  [['年龄'], 'age', 'age'],
  [
    [
      '身份证号码/组织机构代码',
      '身份证号码/组织机构代码(统一社会信用代码)',
      '身份证号码/统一社会信用代码',
      '身份证号码/组织机构代码/统一社会信用代码',
      '证件号码',
    ],
    'idNumber',
    'text',
  ],
  [['多证件列表'], 'otherIds', 'otherIds'],
  [['企业法定代表人姓名', '法定代表人姓名', '法定代表人或负责人姓名'], 'legalRepresentative', 'text'],
  [['执行法院'], 'court', 'text'],
  [['地域ID', '地域id'], 'regionId', 'text'],
  [['地域名称'], 'regionName', 'text'],
  [['标识自然人或企业法人', '自然人或企业法人', '当事人类型'], 'subjectType', 'subjectType'],
  [['执行依据文号'], 'basisDocNo', 'text'],
  [['作出执行依据单位'], 'basisIssuer', 'text'],
  [['法律生效文书确定的义务', '生效法律文书确定的义务'], 'duty', 'text'],
  [['被执行人的履行情况', '履行情况'], 'performance', 'text'],
  [['失信被执行人具体情形', '失信被执行人行为具体情形', '具体情形'], 'circumstances', 'circumstances'],
  [['发布时间'], 'publishedAt', 'instant'],
  [['立案时间'], 'filedAt', 'date'],
  [['已履行部分'], 'performedPart', 'text'],
  [['未履行部分'], 'unperformedPart', 'text'],
  [['撤销时间'], 'revokedAt', 'instant'],
  [['失信严重程度', '严重程度'], 'severity', 'severity'],
  [['失信信息有效期', '有效期'], 'validUntil', 'validUntil'],
  [['公开方式', '是否公开'], 'disclosure', 'disclosure'],
  // Not in Attachment 1: the court system's last change to the record, which orders versions.
  [['更新时间', '最后更新时间', '修改时间', '最后修改时间'], 'updatedAt', 'instant'],
];

/** The columns the importer reads, each under the name the template writes (its first spelling). */
export const IMPORT_COLUMNS: readonly { header: string; field: string; kind: FieldKind }[] = ATTACHMENT1_COLUMNS.map(
  ([headers, field, kind]) => ({
    header: headers[0] ?? field,
    field,
    kind,
  }),
);
export type { FieldKind };

/**
 * Normalises a header cell: NFKC (full-width → half-width), invisible format characters
 * (lib/text/plain-text.ts) and all whitespace removed (the
 * template breaks lines inside cells), and leading/trailing '*' removed (the template
 * marks optional columns with '*').
 */
export function normalizeHeader(header: string): string {
  return removeFormatChars(header)
    .normalize('NFKC')
    .replace(/\s/g, '')
    .replace(/^\*+|\*+$/g, '');
}

const HEADER_INDEX = new Map<string, { field: string; kind: FieldKind; label: string }>();
for (const [headers, field, kind] of ATTACHMENT1_COLUMNS) {
  for (const h of headers) HEADER_INDEX.set(normalizeHeader(h), { field, kind, label: headers[0] ?? h });
}

/** Push field of an Attachment 1 header (after normalisation), or null when unknown. */
export function attachment1Field(header: string): string | null {
  return HEADER_INDEX.get(normalizeHeader(header))?.field ?? null;
}

/**
 * One Attachment 1 row, keyed by its headers as they appear in the file, → raw push
 * object. Cells may be strings (CSV, or XLSX cells rendered to text by the reader); an
 * all-digit date cell is read as an Excel serial number.
 */
export function fromAttachment1Row(row: Record<string, string>): ConvertResult {
  const raw: RawPush = {};
  const unknownColumns: string[] = [];
  const warnings: string[] = [];
  const seen = new Map<string, string>();
  let publishedAt: ImportDate | null = null;
  let validUntilCell: { header: string; value: string } | null = null;

  for (const [header, cell] of Object.entries(row)) {
    const col = HEADER_INDEX.get(normalizeHeader(header));
    if (!col) {
      if (normalizeHeader(header) !== '' || text(cell) !== '') unknownColumns.push(header);
      continue;
    }
    const value = text(cell);
    if (value === '') continue;
    const earlier = seen.get(col.field);
    if (earlier !== undefined) {
      warnings.push(`「${header}」与「${earlier}」是同一字段，已采用「${earlier}」列的值`);
      continue;
    }
    seen.set(col.field, header);

    switch (col.kind) {
      case 'text':
        raw[col.field] = value;
        break;
      case 'subjectType': {
        const v = parseSubjectType(value);
        if (v === null) warnings.push(`「${col.label}」的值「${value}」无法识别（应为 自然人 或 企业法人）`);
        raw[col.field] = v ?? value;
        break;
      }
      case 'gender': {
        const v = parseGender(value);
        if (v === null) warnings.push(`「性别」的值「${value}」无法识别（应为 男 或 女）`);
        raw[col.field] = v ?? value;
        break;
      }
      case 'age': {
        const v = parseAge(value);
        if (v === null) warnings.push(`「年龄」的值「${value}」不是整数`);
        raw[col.field] = v ?? value;
        break;
      }
      case 'otherIds':
        raw[col.field] = parseOtherIds(value, warnings);
        break;
      case 'circumstances':
        raw[col.field] = splitCircumstances(value);
        break;
      case 'instant':
      case 'date': {
        const d = parseImportDate(value, { excelSerial: true });
        if (!d) {
          warnings.push(`「${col.label}」的值「${value}」不是可识别的日期`);
          raw[col.field] = value;
          break;
        }
        if (col.field === 'publishedAt') publishedAt = d;
        raw[col.field] = col.kind === 'date' ? d.date : toInstantString(d);
        break;
      }
      case 'severity': {
        const v = parseSeverity(value);
        if (v === null) warnings.push(`「失信严重程度」的值「${value}」无法识别（应为 一般 或 严重）`);
        raw[col.field] = v ?? value;
        break;
      }
      case 'disclosure': {
        const v = parseDisclosure(value);
        if (v === null) warnings.push(`「公开方式」的值「${value}」无法识别（应为 公开 或 不宜公开）`);
        raw[col.field] = v ?? value;
        break;
      }
      case 'validUntil':
        validUntilCell = { header, value }; // needs 发布时间 for 'N年'
        break;
    }
  }

  if (validUntilCell) {
    const v = parseValidUntil(validUntilCell.value, publishedAt, true);
    if (v === undefined) {
      warnings.push(`「失信信息有效期」的值「${validUntilCell.value}」无法识别（应为日期、日期范围或“N年”）`);
      raw.validUntil = validUntilCell.value;
    } else {
      raw.validUntil = v;
    }
  }
  return { raw, unknownColumns, warnings, defaults: applyImportDefaults(raw) };
}

// ---------------------------------------------------------------------------
// National JSON (中国执行信息公开网 失信被执行人)
// ---------------------------------------------------------------------------

export const DEFAULT_REGION_NAME = '江苏省苏州市昆山市';

/** National keys (lowercased) → push field; converted below. */
const NATIONAL_KEYS = [
  'id',
  'iname',
  'casecode',
  'cardnum',
  'businessentity',
  'courtname',
  'areaname',
  'gistid',
  'regdate',
  'gistunit',
  'duty',
  'performance',
  'performedpart',
  'unperformpart',
  'disrupttypename',
  'publishdate',
  'publishdatestamp',
  'partytypename',
  'type',
  'sexy',
  'sexname',
  'sex',
  'age',
] as const;
type NationalKey = (typeof NATIONAL_KEYS)[number];
const NATIONAL_KEY_SET = new Set<string>(NATIONAL_KEYS);

/** Keys the national site and resellers add that carry nothing for the push (not reported). */
const NATIONAL_NOISE_KEYS = new Set([
  'stdstg',
  'stdstl',
  '_update_time',
  'cambrian_appid',
  'changefreq',
  'focusnumber',
  'sitelink',
  'lastmod',
  'loc',
  'priority',
  'siteid',
  '_version',
  '_select_time',
  'areanamenew',
  'qysler',
]);

/** True when a record has keys of the national format (matched case-insensitively). */
export function looksNational(record: Record<string, unknown>): boolean {
  let n = 0;
  for (const k of Object.keys(record)) {
    if (['iname', 'casecode', 'cardnum', 'courtname', 'gistid', 'disrupttypename'].includes(k.toLowerCase())) n++;
  }
  return n >= 2;
}

/**
 * Deterministic uid for a national record without an `id`: the first 32 hex chars of
 * sha256(case number NFKC-normalised + '|' + identifier, or the name when there is no
 * identifier). A re-import of the same record maps to the same uid.
 */
export function nationalUid(caseNo: string, identifierOrName: string): string {
  const norm = (s: string) => s.normalize('NFKC').replace(/\s/g, '').toUpperCase();
  return createHash('sha256')
    .update(`${norm(caseNo)}|${norm(identifierOrName)}`, 'utf8')
    .digest('hex')
    .slice(0, 32);
}

const ORG_NAME_RE =
  /(公司|厂|店|中心|合作社|事务所|商行|经营部|门市部|集团|协会|学校|医院|研究院|研究所|工作室|分行|支行|银行|商会|俱乐部|基金会|会所|酒店|宾馆)$/;

/**
 * One national 失信被执行人 record → raw push object. Keys are matched
 * case-insensitively (iname/INAME/Iname…). The national site masks ID numbers
 * ('3205831980****1234'): such a value is passed through unchanged — it is not a valid
 * identifier, validation rejects it, and the record cannot be imported until the court
 * supplies the full number.
 */
export function fromNationalJson(record: Record<string, unknown>): ConvertResult {
  const raw: RawPush = {};
  const warnings: string[] = [];
  const unknownColumns: string[] = [];
  const v = new Map<NationalKey, unknown>();
  for (const [key, value] of Object.entries(record)) {
    const k = key.toLowerCase();
    if (NATIONAL_KEY_SET.has(k)) {
      if (!v.has(k as NationalKey) || text(v.get(k as NationalKey)) === '') v.set(k as NationalKey, value);
    } else if (!NATIONAL_NOISE_KEYS.has(k)) {
      unknownColumns.push(key);
    }
  }
  const s = (k: NationalKey) => text(v.get(k));

  // Subject type: partyTypeName (or type) when it is a recognisable label, else inferred.
  const typeLabel = s('partytypename') || s('type');
  let subjectType = typeLabel ? parseSubjectType(typeLabel) : null;
  if (subjectType === null) {
    const inferred = inferNationalSubjectType(
      s('iname'),
      s('cardnum'),
      s('businessentity'),
      s('sexy') || s('sexname') || s('sex'),
    );
    if (inferred) {
      warnings.push(
        `未给出可识别的当事人类型${typeLabel ? `（“${typeLabel}”）` : ''}，按${inferred.reason}推断` +
          `为${inferred.type === 'person' ? '自然人' : '企业法人'}`,
      );
      subjectType = inferred.type;
    } else if (typeLabel) {
      warnings.push(`当事人类型「${typeLabel}」无法识别`);
    }
  }

  const caseNo = s('casecode');
  const idNumber = s('cardnum');
  const name = s('iname');
  const id = s('id');
  if (id !== '' && /^[A-Za-z0-9_-]{1,60}$/.test(id)) raw.uid = `CN${id}`;
  else if (caseNo !== '') raw.uid = nationalUid(caseNo, idNumber || name);
  if (caseNo) raw.caseNo = caseNo;
  if (subjectType) raw.subjectType = subjectType;
  if (name) raw.name = name;

  if (subjectType !== 'organization') {
    const sex = s('sexy') || s('sexname') || s('sex');
    if (sex) {
      const g = parseGender(sex);
      if (g === null) warnings.push(`性别「${sex}」无法识别`);
      raw.gender = g ?? sex;
    }
    const age = s('age');
    if (age) {
      const a = parseAge(age);
      if (a === null) warnings.push(`年龄「${age}」不是整数`);
      raw.age = a ?? age;
    }
  }
  if (idNumber) {
    raw.idNumber = idNumber;
    if (/[*＊]/.test(idNumber)) {
      warnings.push(
        `证件号码「${idNumber}」已打码（全国公示网站的公开数据），不是有效证件号，需法院提供完整号码后才能导入`,
      );
    }
  }
  const legalRep = s('businessentity');
  if (legalRep && subjectType !== 'person') raw.legalRepresentative = legalRep;
  if (s('courtname')) raw.court = s('courtname');
  raw.regionName = s('areaname') || DEFAULT_REGION_NAME;
  if (s('gistid')) raw.basisDocNo = s('gistid');
  if (s('gistunit')) raw.basisIssuer = s('gistunit');
  if (s('duty')) raw.duty = s('duty');
  if (s('performance')) raw.performance = s('performance');
  const circumstances = s('disrupttypename');
  if (circumstances) raw.circumstances = splitCircumstances(circumstances);

  // publishDateStamp (epoch seconds) stands in when publishDate is missing.
  const published = s('publishdate') !== '' ? v.get('publishdate') : v.get('publishdatestamp');
  if (text(published) !== '') {
    const d = parseImportDate(published);
    if (!d) warnings.push(`发布时间「${text(published)}」不是可识别的日期`);
    raw.publishedAt = d ? toInstantString(d) : text(published);
  }
  if (s('regdate')) {
    const d = parseImportDate(v.get('regdate'));
    if (!d) warnings.push(`立案时间「${s('regdate')}」不是可识别的日期`);
    raw.filedAt = d ? d.date : s('regdate');
  }
  if (s('performedpart')) raw.performedPart = s('performedpart');
  if (s('unperformpart')) raw.unperformedPart = s('unperformpart');
  raw.disclosure = 'public';
  // National records carry neither 失信严重程度 nor 失信信息有效期: the one default rule fills both.
  return { raw, unknownColumns, warnings, defaults: applyImportDefaults(raw) };
}

function inferNationalSubjectType(
  name: string,
  cardNum: string,
  businessEntity: string,
  sex: string,
): { type: 'person' | 'organization'; reason: string } | null {
  const id = cardNum.normalize('NFKC').replace(/\s/g, '');
  if (businessEntity) return { type: 'organization', reason: '有法定代表人' };
  if (/^\d{6}(19|20)[\d*]{9}[\dXx*]$/.test(id)) {
    return { type: 'person', reason: '证件号码为身份证号码' };
  }
  if (/^[0-9A-HJ-NP-RTUW-Y]{2}\d{6}[0-9A-HJ-NP-RTUW-Y*]{10}$/i.test(id) || /^[0-9A-Z*]{8}-[0-9X*]$/i.test(id)) {
    return { type: 'organization', reason: '证件号码为统一社会信用代码或组织机构代码' };
  }
  if (ORG_NAME_RE.test(name)) return { type: 'organization', reason: '名称' };
  if (parseGender(sex)) return { type: 'person', reason: '有性别' };
  return null;
}
