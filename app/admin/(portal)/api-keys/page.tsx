import type { Metadata } from 'next';
import { listApiKeys } from '@/domain/auth/api-keys';
import { capabilityOf } from '@/lib/auth/staff-pages';
import { requireStaff } from '@/domain/auth/staff-session';
import { formatDate } from '@/lib/format';
import { StaffTable } from '@/components/admin/staff-table';
import { NewKeyForm } from './new-key-form';
import { RevokeKeyForm } from './revoke-key-form';

export const metadata: Metadata = { title: 'API 密钥' };

const KEY_ROLE_LABELS = { court: '法院推送', department: '联动单位', enterprise: '企业核查' } as const;

export default async function ApiKeysPage() {
  await requireStaff(capabilityOf('/admin/api-keys')!);
  const keys = await listApiKeys();
  return (
    <main id="main" className="mx-auto w-full max-w-6xl px-4 py-8">
      <h1 className="text-2xl font-bold">API 密钥</h1>
      <p className="mt-2 max-w-3xl text-slate-800">
        供法院执行系统和联动单位系统调用接口（请求头 <code>Authorization: Bearer 密钥</code>
        ）。平台只保存密钥的摘要，无法找回；遗失或泄露时请吊销并重新创建。
      </p>
      <div className="mt-6">
        <StaffTable
          headers={['编号', '使用单位', '类型', '用途', '创建', '最近使用', '状态']}
          caption={`API 密钥，共 ${keys.length} 个`}
          minWidth="48rem"
        >
          {keys.map((k) => (
            <tr key={k.id} data-testid="api-key-row">
              <td className="px-3 py-2 font-mono">{k.id}</td>
              <td className="px-3 py-2">{k.organization}</td>
              <td className="px-3 py-2">
                {KEY_ROLE_LABELS[k.role]}
                {k.fullIdentifiers && '（完整证件号）'}
              </td>
              <td className="px-3 py-2">{k.label ?? ''}</td>
              <td className="px-3 py-2 whitespace-nowrap">{formatDate(k.createdAt)}</td>
              <td className="px-3 py-2 whitespace-nowrap">{k.lastUsedAt ? formatDate(k.lastUsedAt) : '从未使用'}</td>
              <td className="px-3 py-2">
                <RevokeKeyForm
                  id={k.id}
                  organization={k.organization}
                  kind={KEY_ROLE_LABELS[k.role]}
                  court={k.role === 'court'}
                  revoked={k.revokedAt ? formatDate(k.revokedAt) : null}
                />
              </td>
            </tr>
          ))}
        </StaffTable>
      </div>
      <section aria-labelledby="new-key-title" className="mt-8">
        <h2 id="new-key-title" className="mb-2 text-xl font-bold">
          创建密钥
        </h2>
        <NewKeyForm roles={Object.entries(KEY_ROLE_LABELS).map(([value, label]) => ({ value, label }))} />
      </section>
    </main>
  );
}
