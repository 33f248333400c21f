'use server';

import { auditStaff } from '@/domain/auth/staff-session';
import { staffAction } from '@/domain/http/form-actions';
import { capabilityOf } from '@/lib/auth/staff-pages';
import type { FormState } from '@/lib/form-state';
import type { ImportSummary } from '@/domain/import/import-file';
import { ImportFileError } from '@/lib/import/read';
import { countsOf, countsText } from '@/lib/import/counts';
import { checkUpload, importUpload } from '@/domain/import/wizard';

/** How many new, changed and rejected entries and defaults used the page shows (the error report: every problem). */
const SHOWN = 200;

/** What the page shows of a check or an import (the lists cut to SHOWN; the counts are whole). */
export type ShownSummary = ImportSummary & { rejectedCount: number; warningCount: number };

export type CheckState = FormState & {
  checked?: {
    token: string;
    uploadId: string;
    fileName: string;
    sha256: string;
    size: number;
    expiresAt: string;
    summary: ShownSummary;
  };
};
export type ImportState = FormState & { uploadId?: string; summary?: ShownSummary };

function shown(s: ImportSummary): ShownSummary {
  return {
    ...s,
    rejected: s.rejected.slice(0, SHOWN),
    rejectedCount: s.rejected.length,
    warnings: (s.warnings ?? []).slice(0, SHOWN),
    warningCount: (s.warnings ?? []).length,
    ...(s.createdEntries ? { createdEntries: s.createdEntries.slice(0, SHOWN) } : {}),
    ...(s.changedEntries ? { changedEntries: s.changedEntries.slice(0, SHOWN) } : {}),
  };
}

const CAPABILITY = capabilityOf('/admin/import')!;

/** Step 1: upload and check (预检). The file is stored with its preview; nothing is written to the list. */
export const checkAction = staffAction({
  capability: CAPABILITY,
  run: async ({ staff, formData }): Promise<CheckState> => {
    const file = formData.get('file');
    if (!(file instanceof File) || file.size === 0)
      return { errors: [{ field: 'file', message: '请选择要导入的文件' }] };
    let checked: Awaited<ReturnType<typeof checkUpload>>;
    try {
      checked = await checkUpload(staff, { name: file.name, bytes: new Uint8Array(await file.arrayBuffer()) });
    } catch (err) {
      // Whatever is wrong with the file is said at the file field.
      if (err instanceof ImportFileError) return { errors: [{ field: 'file', message: err.message }] };
      throw err;
    }
    const counts = countsOf(checked.summary);
    await auditStaff(staff, {
      action: 'import_checked',
      objectType: 'import_upload',
      objectId: checked.uploadId,
      detail: { fileName: checked.fileName, sha256: checked.sha256, size: checked.size, ...counts },
    });
    return {
      ok: true,
      message: `已预检“${checked.fileName}”（共 ${counts.total} 条）：${countsText(counts, true)}。尚未写入任何数据。`,
      checked: { ...checked, summary: shown(checked.summary) },
    };
  },
});

/** Step 2: import the checked file (by its token, never a new file), after the confirmation dialog. */
export const importAction = staffAction({
  capability: CAPABILITY,
  confirm: true,
  revalidate: '/admin/import',
  run: async ({ staff, values }): Promise<ImportState> => {
    const { upload, summary } = await importUpload(staff, values.token ?? '');
    const counts = countsOf(summary);
    await auditStaff(staff, {
      action: 'import_done',
      objectType: 'import_upload',
      objectId: upload.id,
      detail: { fileName: upload.fileName, sha256: upload.sha256, size: upload.size, ...counts },
    });
    return {
      ok: true,
      message: `已导入“${upload.fileName}”（共 ${counts.total} 条）：${countsText(counts)}。`,
      uploadId: upload.id,
      summary: shown(summary),
    };
  },
});
