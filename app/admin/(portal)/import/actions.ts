'use server';

import path from 'node:path';
import { requireStaff, staffActor } from '@/lib/auth/staff-session';
import { capabilityOf } from '@/lib/auth/staff-pages';
import type { FormState } from '@/lib/form-state';
import { importRecords, type ImportSummary } from '@/lib/import/import-file';
import { importFileName, ImportFileError, readImportBytes } from '@/lib/import/read';

/** Per upload (each action checks its own limit); larger files go through `npm run import`. */
const UPLOAD_MAX_BYTES = 19 * 1024 * 1024;

export type ImportState = FormState & { summary?: ImportSummary; dryRun?: boolean; fileName?: string };

export async function importAction(_prev: ImportState, formData: FormData): Promise<ImportState> {
  const staff = await requireStaff(capabilityOf('/admin/import')!);
  const file = formData.get('file');
  const dryRun = formData.get('mode') !== 'commit';
  if (!(file instanceof File) || file.size === 0) return { errors: [{ field: 'file', message: '请选择要导入的文件' }] };
  if (file.size > UPLOAD_MAX_BYTES) {
    return { errors: [{ field: 'file', message: '文件超过 19 MB，请拆分后上传，或由系统管理员使用命令行导入' }] };
  }
  try {
    const fileName = importFileName(file.name);
    const records = await readImportBytes(new Uint8Array(await file.arrayBuffer()), path.extname(fileName).toLowerCase());
    const summary = await importRecords(records, { dryRun, actor: `${staffActor(staff)}:import` });
    return { ok: true, summary, dryRun, fileName };
  } catch (err) {
    if (err instanceof ImportFileError) return { errors: [{ field: 'file', message: err.message }] };
    throw err;
  }
}
