/** What each staff role may do (separation of duties: administrators manage accounts, not the list). */
import type { StaffRole } from '@/lib/auth/staff-identity';

export const CAPABILITIES = {
  manageAccounts: ['admin'],
  manageApiKeys: ['admin'],
  // The audit trail (等保2.0 安全审计): read, filtered and exported by administrators only.
  viewAuditLog: ['admin'],
  importData: ['court_clerk', 'credit_office'],
  removeEntries: ['court_clerk'],
  viewEntries: ['court_clerk', 'credit_office', 'department_officer'],
  removalClock: ['court_clerk', 'credit_office'],
  // Inboxes of objections, corrections and repairs: each sees the cases addressed to them (credit office: all).
  handleCases: ['court_clerk', 'credit_office', 'department_officer'],
  overseeCases: ['credit_office'],
  // Lifting measures after a removal (二(七)): each unit confirms its own tasks; the credit office oversees.
  liftMeasures: ['department_officer', 'credit_office'],
  // 催办: the credit office chases a unit about its open lifting tasks.
  remindLifting: ['credit_office'],
  // Feedback on measures applied (四(五)): units report; it goes to the credit office and the court.
  reportFeedback: ['department_officer', 'credit_office', 'court_clerk'],
  viewStatistics: ['credit_office'],
  // Webhooks (二(二) 直接推送): administrators register departments' endpoints; the credit office oversees every
  // delivery log, a department officer reads and redelivers its own unit's.
  manageWebhooks: ['admin'],
  viewWebhooks: ['admin', 'credit_office', 'department_officer'],
  // The export of the shared list (二(二)): units read it through the platform; the credit office too.
  exportEntries: ['department_officer', 'credit_office'],
  // Publicity (四(四), 四(五)): the credit office writes every kind of article, court clerks their court's 通报
  // (信用动态); a second credit-office member approves before anything is published.
  writeArticles: ['credit_office', 'court_clerk'],
  reviewArticles: ['credit_office'],
} as const satisfies Record<string, readonly StaffRole[]>;
export type Capability = keyof typeof CAPABILITIES;

export function can(staff: { role: StaffRole }, capability: Capability): boolean {
  return (CAPABILITIES[capability] as readonly StaffRole[]).includes(staff.role);
}
