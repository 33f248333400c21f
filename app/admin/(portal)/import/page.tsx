import type { Metadata } from 'next';
import { capabilityOf } from '@/lib/auth/staff-pages';
import { requireStaff } from '@/lib/auth/staff-session';
import { ImportForm } from './import-form';

export const metadata: Metadata = { title: '批量导入' };

export default async function ImportPage() {
  await requireStaff(capabilityOf('/admin/import')!);
  return (
    <main id="main" className="mx-auto w-full max-w-6xl px-4 py-8">
      <h1 className="text-2xl font-bold">批量导入</h1>
      <p className="mt-2 mb-6 max-w-3xl text-slate-800">
        与法院推送接口使用同一套校验。先“预检”查看将新增、更新和拒绝的记录，确认后再“导入”；同一文件重复导入不会产生重复信息。
      </p>
      <ImportForm />
    </main>
  );
}
