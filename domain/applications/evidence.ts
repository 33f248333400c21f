/**
 * Evidence files: PDF, JPEG or PNG, judged by their content (file-type reads the magic
 * bytes), never by name or the browser's declared type; ≤ 10 MB each, ≤ 5 per application.
 * A file name holding an invisible format character is refused (lib/text/plain-text.ts): it
 * would be stored and shown to staff looking like another name.
 */
import 'server-only';
import path from 'node:path';
import { fileTypeFromBuffer } from 'file-type';
import type { EvidenceFile } from '@/domain/applications/cases';
import { FORMAT_CHARS_MESSAGE, hasFormatChars, removeFormatChars } from '@/lib/text/plain-text';
import {
  EVIDENCE_MAX_FILE_BYTES,
  EVIDENCE_MAX_FILES,
  EVIDENCE_SIZE_TEXT,
  EVIDENCE_TYPES,
  EVIDENCE_TYPES_TEXT,
} from '@/lib/evidence-rules';

const ALLOWED = new Set<string>(EVIDENCE_TYPES.map((t) => t.mime));
const NOT_ALLOWED = `不是 ${EVIDENCE_TYPES_TEXT} 文件（按文件内容判断），请换用这些格式`;

/** A name safe to store and show: the base name, no control characters, ≤ 100 characters. */
function cleanName(name: string): string {
  const base = path
    .basename(name.replaceAll('\\', '/'))
    .replace(/[\u0000-\u001f\u007f]/g, '')
    .trim();
  return (base || '附件').slice(0, 100);
}

type ReadResult = { ok: true; files: EvidenceFile[] } | { ok: false; message: string };

export async function readEvidence(entries: FormDataEntryValue[]): Promise<ReadResult> {
  const files = entries.filter((f): f is File => typeof f !== 'string' && f.size > 0);
  if (files.length > EVIDENCE_MAX_FILES) return { ok: false, message: `最多上传 ${EVIDENCE_MAX_FILES} 个证明材料` };
  return readFiles(files, ALLOWED, NOT_ALLOWED);
}

/** An article's attachments (domain/publishing/articles.ts): judged as evidence is, at most `max` files. */
export async function readAttachments(entries: FormDataEntryValue[], max: number): Promise<ReadResult> {
  const files = entries.filter((f): f is File => typeof f !== 'string' && f.size > 0);
  if (files.length === 0) return { ok: false, message: '请选择要上传的附件（PDF、JPG 或 PNG 文件）' };
  if (files.length > max) return { ok: false, message: `每篇文章最多 ${max} 个附件` };
  return readFiles(files, ALLOWED, NOT_ALLOWED);
}

/**
 * The signed decision a handler attaches when deciding: one PDF, judged by content like
 * evidence, ≤ 10 MB. `required`: a missing file is refused too.
 */
export async function readDecisionDocument(
  entry: FormDataEntryValue | null,
  required: boolean,
): Promise<{ ok: true; file: EvidenceFile | null } | { ok: false; message: string }> {
  const file = entry && typeof entry !== 'string' && entry.size > 0 ? entry : null;
  if (!file) return required ? { ok: false, message: '请上传签发的决定书（PDF 文件）' } : { ok: true, file: null };
  const read = await readFiles(
    [file],
    new Set(['application/pdf']),
    '不是 PDF 文件（按文件内容判断），决定书请上传 PDF',
  );
  return read.ok ? { ok: true, file: read.files[0]! } : read;
}

async function readFiles(files: File[], allowed: Set<string>, notAllowed: string): Promise<ReadResult> {
  const out: EvidenceFile[] = [];
  for (const file of files) {
    if (hasFormatChars(file.name)) {
      return {
        ok: false,
        message: `文件名“${cleanName(removeFormatChars(file.name))}”${FORMAT_CHARS_MESSAGE}，请重命名后上传`,
      };
    }
    const name = cleanName(file.name);
    if (file.size > EVIDENCE_MAX_FILE_BYTES)
      return { ok: false, message: `“${name}”超过 ${EVIDENCE_SIZE_TEXT}，请压缩后上传` };
    const content = Buffer.from(await file.arrayBuffer());
    const type = await fileTypeFromBuffer(content);
    if (!type || !allowed.has(type.mime)) return { ok: false, message: `“${name}”${notAllowed}` };
    out.push({ fileName: name, mediaType: type.mime, content });
  }
  return { ok: true, files: out };
}
