import type { Metadata } from 'next';
import { StaffTable } from '@/components/admin/staff-table';
import { can, requireStaff } from '@/domain/auth/staff-session';
import { listDepartments } from '@/domain/publishing/queries';
import { failedDeliveriesByOrganization, listWebhookEndpoints } from '@/domain/sharing/webhooks';
import { capabilityOf } from '@/lib/auth/staff-pages';
import { formatDate, formatTimestamp } from '@/lib/format';
import { DEFAULT_RETRY_HOURS, REPLAY_WINDOW_SECONDS } from '@/lib/webhooks';
import { webhookScope } from './scope';
import { DisableWebhookForm, NewWebhookForm } from './webhook-forms';

export const metadata: Metadata = { title: '信息推送' };

export default async function WebhooksPage() {
  const staff = await requireStaff(capabilityOf('/admin/webhooks')!);
  const scope = await webhookScope(staff);
  const manages = can(staff, 'manageWebhooks');
  const [endpoints, failed, departments] = await Promise.all([
    listWebhookEndpoints(scope),
    failedDeliveriesByOrganization(scope),
    manages ? listDepartments() : Promise.resolve([]),
  ]);
  const units = departments.filter((d) => d.isMemberUnit).map((d) => ({ value: d.code, label: d.name }));
  return (
    <main id="main" className="mx-auto w-full max-w-6xl px-4 py-8">
      <h1 className="text-2xl font-bold">信息推送</h1>
      <p className="mt-2 max-w-3xl text-slate-800">
        已与平台对接的联动单位，由平台把失信信息的每一次纳入、更新、撤销、屏蔽和有效期届满直接推送到其系统（昆办发〔2017〕135号
        二（二））。每个事件带事件编号、时间戳和 HMAC-SHA256 签名（接收方拒绝与本机时间相差超过 {REPLAY_WINDOW_SECONDS}{' '}
        秒的请求，并按事件编号去重）；未确认的按退避间隔重试至少 {DEFAULT_RETRY_HOURS}{' '}
        小时，期满记为失败，在此显示并可重新推送。 接入说明见{' '}
        <a href="/developers" className="text-brand-700 underline">
          开发者页面
        </a>
        。
      </p>
      {failed.length > 0 && (
        <section aria-labelledby="failed-title" className="mt-6 rounded border-2 border-accent-600 p-4">
          <h2 id="failed-title" className="text-lg font-bold text-accent-600">
            推送失败待处理
          </h2>
          <ul className="mt-2 list-disc pl-6" data-testid="failed-deliveries">
            {failed.map((f) => (
              <li key={f.organization}>
                {f.organization}：{f.failed} 条
              </li>
            ))}
          </ul>
        </section>
      )}
      <div className="mt-6">
        <StaffTable
          headers={['接收单位', '接收地址', '证件号码', '待推送', '已送达', '失败', '最近送达', '']}
          caption={`接收地址，共 ${endpoints.length} 个`}
          minWidth="56rem"
          testId="webhook-endpoints"
        >
          {endpoints.map((e) => (
            <tr key={e.id} data-testid="webhook-row">
              <td className="px-3 py-2">
                {e.organization}
                {e.viaApiKey && <span className="block text-sm text-slate-700">由密钥 {e.viaApiKey} 登记</span>}
              </td>
              <td className="px-3 py-2 font-mono break-all">{e.url}</td>
              <td className="px-3 py-2">{e.fullIdentifiers ? '完整' : '打码'}</td>
              <td className="px-3 py-2">{e.counts.pending}</td>
              <td className="px-3 py-2">{e.counts.delivered}</td>
              <td className={`px-3 py-2 ${e.counts.failed > 0 ? 'font-bold text-accent-600' : ''}`}>
                {e.counts.failed}
              </td>
              <td className="px-3 py-2 whitespace-nowrap">
                {e.lastDeliveredAt ? formatTimestamp(e.lastDeliveredAt) : '尚未送达'}
              </td>
              <td className="space-y-1 px-3 py-2">
                <a href={`/admin/webhooks/${e.id}`} className="text-brand-700 underline">
                  推送记录
                </a>
                {manages && !e.viaApiKey && <DisableWebhookForm id={e.id} organization={e.organization} url={e.url} />}
                <span className="block text-sm text-slate-700">登记于 {formatDate(e.createdAt)}</span>
              </td>
            </tr>
          ))}
        </StaffTable>
      </div>
      {manages && (
        <section aria-labelledby="new-webhook-title" className="mt-8">
          <h2 id="new-webhook-title" className="mb-2 text-xl font-bold">
            登记接收地址
          </h2>
          <NewWebhookForm units={units} />
        </section>
      )}
    </main>
  );
}
