/**
 * The import wizard of /admin/import: 上传并预检 → 核对预检结果 → 导入.
 *
 * `checkUpload` reads the uploaded file, runs the import as a dry run (the one import path,
 * ./import-file.ts) and stores the file with its preview. It hands back an unguessable token
 * (only its SHA-256 is stored). `importUpload` takes that token — never a file — and imports
 * the very file that was checked: only for the staff member who uploaded it, before it
 * expires (UPLOAD_TTL_HOURS), and once. Any other token is refused with a Chinese message
 * and changes nothing.
 */
import 'server-only';
import { AppError } from '@/lib/errors';
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import path from 'node:path';
import { claimUpload, finishUpload, releaseUpload, storeUpload, uploadByTokenHash } from '@/domain/import/uploads';
import type { ImportUpload } from '@/db/schema';
import { staffActor, type Staff } from '@/lib/auth/staff-identity';
import { importRecords, type ImportSummary } from '@/domain/import/import-file';
import { importFileName, ImportFileError, readImportBytes } from '@/lib/import/read';

export const UPLOAD_TTL_HOURS = 24;
/** Per upload; larger files go through `npm run import`. */
export const UPLOAD_MAX_BYTES = 19 * 1024 * 1024;

export type CheckedUpload = {
  token: string;
  uploadId: string;
  fileName: string;
  sha256: string;
  size: number;
  expiresAt: string;
  summary: ImportSummary;
};

const hashToken = (token: string) => createHash('sha256').update(token, 'utf8').digest('hex');

/** Reads, checks (dry run) and stores an upload. Throws ImportFileError for a file that cannot be read. */
export async function checkUpload(staff: Staff, file: { name: string; bytes: Uint8Array }): Promise<CheckedUpload> {
  if (file.bytes.length === 0) throw new ImportFileError('empty', '文件为空');
  if (file.bytes.length > UPLOAD_MAX_BYTES) {
    throw new ImportFileError('too_large', '文件超过 19 MB，请拆分后上传，或由系统管理员使用命令行导入');
  }
  const fileName = importFileName(file.name);
  const records = await readImportBytes(file.bytes, path.extname(fileName).toLowerCase());
  const summary = await importRecords(records, { dryRun: true, preview: true, actor: `${staffActor(staff)}:import` });
  const token = randomBytes(32).toString('base64url');
  const uploadId = randomUUID();
  const sha256 = createHash('sha256').update(file.bytes).digest('hex');
  const expiresAt = new Date(Date.now() + UPLOAD_TTL_HOURS * 3_600_000);
  await storeUpload({
    id: uploadId,
    tokenHash: hashToken(token),
    staffUserId: staff.id,
    actor: staffActor(staff),
    fileName,
    content: Buffer.from(file.bytes),
    sha256,
    preview: summary as unknown as Record<string, unknown>,
    expiresAt,
  });
  return { token, uploadId, fileName, sha256, size: file.bytes.length, expiresAt: expiresAt.toISOString(), summary };
}

export type UploadRefusal = 'unknown' | 'other_staff' | 'expired' | 'imported' | 'importing';

export const REFUSAL_MESSAGES: Record<UploadRefusal, string> = {
  unknown: '未找到该预检记录，请重新上传文件并预检',
  other_staff: '该文件由其他工作人员上传并预检，只能由上传人导入；请自行上传文件并预检',
  expired: `预检结果已超过 ${UPLOAD_TTL_HOURS} 小时，已失效；请重新上传文件并预检`,
  imported: '该文件已经导入，不能再次导入；如需重新导入，请重新上传文件并预检',
  importing: '该文件正在导入，请稍候在导入记录中查看结果',
};

export class UploadRefusedError extends AppError {
  constructor(readonly code: UploadRefusal) {
    super(REFUSAL_MESSAGES[code]);
    this.name = 'UploadRefusedError';
  }
}

/** Why a token cannot be imported now, or null if it can (for a message: the import itself claims atomically). */
function refusalOf(upload: ImportUpload | null, staff: Staff): UploadRefusal {
  if (!upload) return 'unknown';
  if (upload.staffUserId !== staff.id) return 'other_staff';
  if (upload.status === 'imported') return 'imported';
  if (upload.status === 'importing') return 'importing';
  return 'expired';
}

export type ImportedUpload = { upload: ImportUpload; summary: ImportSummary };

/** Imports the checked upload the token names, or throws UploadRefusedError (nothing changed). */
export async function importUpload(staff: Staff, token: string): Promise<ImportedUpload> {
  const tokenHash = hashToken(token);
  const claimed = /^[A-Za-z0-9_-]{43}$/.test(token) ? await claimUpload(tokenHash, staff.id) : null;
  if (!claimed?.content) {
    const found = /^[A-Za-z0-9_-]{43}$/.test(token) ? await uploadByTokenHash(tokenHash) : null;
    throw new UploadRefusedError(refusalOf(found, staff));
  }
  try {
    const records = await readImportBytes(
      new Uint8Array(claimed.content),
      path.extname(claimed.fileName).toLowerCase(),
    );
    const summary = await importRecords(records, { actor: `${staffActor(staff)}:import` });
    const upload = await finishUpload(claimed.id, summary as unknown as Record<string, unknown>);
    return { upload, summary };
  } catch (err) {
    await releaseUpload(claimed.id);
    throw err;
  }
}

/** The stored summary of an upload: the import's once imported, else the check's. */
export function uploadSummary(upload: Pick<ImportUpload, 'preview' | 'result'>): ImportSummary {
  return (upload.result ?? upload.preview) as unknown as ImportSummary;
}
