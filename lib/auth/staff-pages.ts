/**
 * Every staff page and the capability it needs: the portal's navigation is built from this
 * list, each page checks its entry, and the authorization test walks it (and fails if a
 * page under app/admin is missing from it).
 */
import type { Capability } from './capabilities';

export type StaffPage = { path: string; label: string; capability: Capability | null; inNav: boolean };

export const STAFF_PAGES = [
  { path: '/admin', label: '工作台', capability: null, inNav: true },
  { path: '/admin/entries', label: '名单信息', capability: 'viewEntries', inNav: true },
  { path: '/admin/entries/[uid]', label: '名单信息详情', capability: 'viewEntries', inNav: false },
  { path: '/admin/cases', label: '申请办理', capability: 'handleCases', inNav: true },
  { path: '/admin/cases/[id]', label: '申请详情', capability: 'handleCases', inNav: false },
  { path: '/admin/lifting', label: '措施解除', capability: 'liftMeasures', inNav: true },
  { path: '/admin/feedback', label: '惩戒反馈', capability: 'reportFeedback', inNav: true },
  { path: '/admin/export', label: '名单导出', capability: 'exportEntries', inNav: true },
  { path: '/admin/articles', label: '信息发布', capability: 'writeArticles', inNav: true },
  { path: '/admin/articles/[id]', label: '文章详情', capability: 'writeArticles', inNav: false },
  { path: '/admin/stats', label: '统计分析', capability: 'viewStatistics', inNav: true },
  { path: '/admin/import', label: '批量导入', capability: 'importData', inNav: true },
  { path: '/admin/users', label: '账号管理', capability: 'manageAccounts', inNav: true },
  { path: '/admin/users/[userId]', label: '管理账号', capability: 'manageAccounts', inNav: false },
  { path: '/admin/api-keys', label: 'API 密钥', capability: 'manageApiKeys', inNav: true },
  { path: '/admin/webhooks', label: '信息推送', capability: 'viewWebhooks', inNav: true },
  { path: '/admin/webhooks/[id]', label: '推送记录', capability: 'viewWebhooks', inNav: false },
  { path: '/admin/audit', label: '审计日志', capability: 'viewAuditLog', inNav: true },
  // Every role's own account (password, second factor); linked beside the name, not in the navigation.
  { path: '/admin/account', label: '我的账号', capability: null, inNav: false },
] as const satisfies readonly StaffPage[];

export type StaffPath = (typeof STAFF_PAGES)[number]['path'];

export function capabilityOf(path: StaffPath): Capability | null {
  return STAFF_PAGES.find((p) => p.path === path)!.capability;
}
