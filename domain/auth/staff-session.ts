/**
 * Who the signed-in staff member is, and what each role may do. Every staff page and
 * Server Action starts with requireStaff(capability): no session → 401 (app/unauthorized.tsx
 * offers the sign-in form), a session without the capability → 403. Status codes rather than
 * redirects, so that no unauthorised request to a page or an action gets a 2xx.
 *
 * One step may come first: an account whose password an administrator chose (opened or reset)
 * must change it, and an administrator must enrol a TOTP authenticator (pendingStep). Until
 * then every staff page and action redirects (303/307, never a 2xx) to ACCOUNT_PATH, the one
 * page — with its actions — that passes `{ pendingStep: 'allow' }`.
 */
import 'server-only';
import { headers } from 'next/headers';
import { cache } from 'react';
import { forbidden, redirect, unauthorized } from 'next/navigation';
import { recordAudit, type AuditRecord } from '@/db/audit';
import type { Database, Transaction } from '@/db/client';
import { clientKey } from '@/domain/http/rate-limit';
import { can, type Capability } from '@/lib/auth/capabilities';
import { type Staff, STAFF_ROLES, staffActor, type StaffRole } from '@/lib/auth/staff-identity';
import { staffAuth } from '@/domain/auth/staff';

export { can, type Capability };
export { courtScope, inCourtScope, staffActor, type Staff } from '@/lib/auth/staff-identity';

/** The own-account page: password change and the second factor. */
export const ACCOUNT_PATH = '/admin/account';

/** A signed-in staff member, with the state of their account's security. */
export type SignedInStaff = Staff & { mustChangePassword: boolean; twoFactorEnabled: boolean };

export type PendingStep = 'password' | 'totp';

/**
 * What must be done before any other staff page: change the password an administrator chose, then (administrators)
 * enrol TOTP.
 */
export function pendingStep(
  staff: Pick<SignedInStaff, 'role' | 'mustChangePassword' | 'twoFactorEnabled'>,
): PendingStep | null {
  if (staff.mustChangePassword) return 'password';
  if (staff.role === 'admin' && !staff.twoFactorEnabled) return 'totp';
  return null;
}

/** The signed-in staff member, read once per request (React cache: the layout, the page and its actions share it). */
export const currentStaff = cache(async (): Promise<SignedInStaff | null> => {
  const requestHeaders = await headers(); // first: it makes the page dynamic before any database access
  const session = await staffAuth().api.getSession({ headers: requestHeaders });
  const user = session?.user;
  if (!user || user.banned || !STAFF_ROLES.includes(user.role as StaffRole)) return null;
  return {
    id: user.id,
    name: user.name,
    email: user.email,
    role: user.role as StaffRole,
    departmentCode: user.departmentCode ?? null,
    court: user.court ?? null,
    reviewsRemovals: user.role === 'court_clerk' && user.reviewsRemovals === true,
    mustChangePassword: user.mustChangePassword === true,
    twoFactorEnabled: user.twoFactorEnabled === true,
  };
});

export async function requireStaff(
  capability?: Capability | null,
  options: { pendingStep?: 'allow' } = {},
): Promise<SignedInStaff> {
  const staff = await currentStaff();
  if (!staff) unauthorized();
  if (options.pendingStep !== 'allow' && pendingStep(staff)) redirect(ACCOUNT_PATH);
  if (capability && !can(staff, capability)) forbidden();
  return staff;
}

/** A plain-text answer of a staff download route, never cached. */
export function staffRouteRefusal(status: 400 | 401 | 403 | 404, text: string): Response {
  return new Response(text, {
    status,
    headers: { 'Cache-Control': 'no-store', 'Content-Type': 'text/plain; charset=utf-8' },
  });
}

/**
 * requireStaff for route handlers (downloads), which answer with a status instead of a page:
 * 401 without a session, 403 while a step (password change, second factor) is pending or
 * without the capability; otherwise the staff member.
 */
export async function staffForRoute(capability: Capability): Promise<SignedInStaff | Response> {
  const staff = await currentStaff();
  if (!staff) return staffRouteRefusal(401, '请先登录。');
  if (pendingStep(staff) || !can(staff, capability)) return staffRouteRefusal(403, '无权访问。');
  return staff;
}

/** Records a staff member's action in the audit trail (db/audit.ts), with the address the request came from. */
export async function auditStaff(
  staff: Staff,
  record: Omit<AuditRecord, 'actor' | 'clientAddress'>,
  tx?: Database | Transaction,
) {
  await recordAudit({ ...record, actor: staffActor(staff), clientAddress: clientKey(await headers()) }, tx);
}
