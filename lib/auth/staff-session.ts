/**
 * Who the signed-in staff member is, and what each role may do. Every staff page and
 * Server Action starts with requireStaff(capability): no session → 401 (app/unauthorized.tsx
 * offers the sign-in form), a session without the capability → 403. Status codes rather than
 * redirects, so that no unauthorised request to a page or an action gets a 2xx.
 */
import { headers } from 'next/headers';
import { forbidden, unauthorized } from 'next/navigation';
import { recordAudit, type AuditRecord } from '@/db/audit';
import type { Database, Transaction } from '@/db/client';
import { clientKey } from '@/lib/rate-limit';
import { can, type Capability } from './capabilities';
import { staffActor, type Staff } from './staff-identity';
import { staffAuth, STAFF_ROLES, type StaffRole } from './staff';

export { can, type Capability };
export { courtScope, inCourtScope, staffActor, type Staff } from './staff-identity';

export async function currentStaff(): Promise<Staff | null> {
  const requestHeaders = await headers(); // first: it makes the page dynamic before any database access
  const session = await staffAuth().api.getSession({ headers: requestHeaders });
  const user = session?.user;
  if (!user || user.banned || !STAFF_ROLES.includes(user.role as StaffRole)) return null;
  return { id: user.id, name: user.name, email: user.email, role: user.role as StaffRole, departmentCode: user.departmentCode ?? null, court: user.court ?? null, reviewsRemovals: user.role === 'court_clerk' && user.reviewsRemovals === true };
}

export async function requireStaff(capability?: Capability): Promise<Staff> {
  const staff = await currentStaff();
  if (!staff) unauthorized();
  if (capability && !can(staff, capability)) forbidden();
  return staff;
}

/** Records a staff member's action in the audit trail (db/audit.ts), with the address the request came from. */
export async function auditStaff(staff: Staff, record: Omit<AuditRecord, 'actor' | 'clientAddress'>, tx?: Database | Transaction) {
  await recordAudit({ ...record, actor: staffActor(staff), clientAddress: clientKey(await headers()) }, tx);
}
