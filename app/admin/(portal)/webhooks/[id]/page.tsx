import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { StaffTable } from '@/components/admin/staff-table';
import { requireStaff } from '@/domain/auth/staff-session';
import { listDeliveries, listWebhookEndpoints } from '@/domain/sharing/webhooks';
import { capabilityOf } from '@/lib/auth/staff-pages';
import { formatTimestamp } from '@/lib/format';
import { DELIVERY_LOG_PAGE, WEBHOOK_DELIVERY_STATUSES, type WebhookDeliveryStatus } from '@/lib/webhooks';
import { webhookScope } from '../scope';
import { RedeliverForm } from '../webhook-forms';

export const metadata: Metadata = { title: '推送记录' };

const STATUS_LABELS: Record<WebhookDeliveryStatus, string> = {
  pending: '待推送',
  delivered: '已送达',
  failed: '失败',
};
const KIND_LABELS: Record<string, string> = {
  listed: '纳入',
  updated: '更新',
  revoked: '撤销',
  shielded: '屏蔽',
  expired: '有效期届满',
};

export default async function DeliveryLogPage({
  params,
  searchParams,
}: {
  params: Promise<{ id: string }>;
  searchParams: Promise<{ status?: string; before?: string }>;
}) {
  const staff = await requireStaff(capabilityOf('/admin/webhooks/[id]')!);
  const { id } = await params;
  const query = await searchParams;
  const endpointId = /^\d{1,15}$/.test(id) ? Number(id) : null;
  const scope = await webhookScope(staff);
  const [endpoint] = endpointId === null ? [] : await listWebhookEndpoints({ ...scope, id: endpointId });
  if (!endpoint) notFound();
  const status = (WEBHOOK_DELIVERY_STATUSES as readonly string[]).includes(query.status ?? '')
    ? (query.status as WebhookDeliveryStatus)
    : undefined;
  const before = /^\d{1,15}$/.test(query.before ?? '') ? Number(query.before) : undefined;
  const rows = await listDeliveries({ endpointId: endpoint.id, status, before });
  const link = (s?: WebhookDeliveryStatus) => `/admin/webhooks/${endpoint.id}${s ? `?status=${s}` : ''}`;
  return (
    <main id="main" className="mx-auto w-full max-w-6xl px-4 py-8">
      <p>
        <a href="/admin/webhooks" className="text-brand-700 underline">
          ← 信息推送
        </a>
      </p>
      <h1 className="mt-2 text-2xl font-bold">推送记录：{endpoint.organization}</h1>
      <p className="mt-2 font-mono break-all">{endpoint.url}</p>
      <nav aria-label="按状态筛选" className="mt-4 flex flex-wrap gap-4">
        <a href={link()} aria-current={status ? undefined : 'page'} className="text-brand-700 underline">
          全部
        </a>
        {WEBHOOK_DELIVERY_STATUSES.map((s) => (
          <a
            key={s}
            href={link(s)}
            aria-current={status === s ? 'page' : undefined}
            className="text-brand-700 underline"
          >
            {STATUS_LABELS[s]}（{endpoint.counts[s]}）
          </a>
        ))}
      </nav>
      {endpoint.counts.failed > 0 && (
        <div className="mt-4">
          <RedeliverForm endpointId={endpoint.id} deliveryId={null} />
        </div>
      )}
      <div className="mt-4">
        <StaffTable
          headers={['记录', '事件', '信息', '状态', '尝试', '最近一次', '结果', '']}
          caption={`推送记录（新的在前，每页 ${DELIVERY_LOG_PAGE} 条）`}
          minWidth="60rem"
          testId="delivery-log"
        >
          {rows.map((r) => (
            <tr key={r.id} data-testid="delivery-row" data-status={r.status}>
              <td className="px-3 py-2 font-mono">{r.id}</td>
              <td className="px-3 py-2">
                {KIND_LABELS[r.kind] ?? r.kind} <span className="font-mono text-sm">#{r.eventId}</span>
              </td>
              <td className="px-3 py-2 font-mono break-all">{r.entryUid}</td>
              <td className={`px-3 py-2 ${r.status === 'failed' ? 'font-bold text-accent-600' : ''}`}>
                {STATUS_LABELS[r.status]}
                {r.status === 'pending' && r.attempts > 0 && (
                  <span className="block text-sm">下次 {formatTimestamp(r.nextAttemptAt)}</span>
                )}
              </td>
              <td className="px-3 py-2">{r.attempts}</td>
              <td className="px-3 py-2 text-sm">{r.lastAttemptAt ? formatTimestamp(r.lastAttemptAt) : '—'}</td>
              <td className="px-3 py-2 text-sm break-all">
                {r.status === 'delivered' ? `HTTP ${r.lastResponseStatus}` : (r.lastError ?? '—')}
              </td>
              <td className="px-3 py-2">
                {r.status !== 'pending' && <RedeliverForm endpointId={endpoint.id} deliveryId={r.id} />}
              </td>
            </tr>
          ))}
        </StaffTable>
      </div>
      {rows.length === DELIVERY_LOG_PAGE && (
        <p className="mt-4">
          <a
            href={`/admin/webhooks/${endpoint.id}?${new URLSearchParams({
              ...(status ? { status } : {}),
              before: String(rows.at(-1)!.id),
            })}`}
            className="text-brand-700 underline"
          >
            更早的记录
          </a>
        </p>
      )}
    </main>
  );
}
