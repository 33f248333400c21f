/**
 * Who the signed-in staff member is, and what each role may do. Every staff page and
 * Server Action starts with requireStaff(capability): no session → the sign-in page,
 * a session without the capability → 403.
 */
import { headers } from 'next/headers';
import { forbidden, redirect } from 'next/navigation';
import { staffAuth, STAFF_ROLES, type StaffRole } from './staff';

export type Staff = { id: string; name: string; email: string; role: StaffRole; departmentCode: string | null };

/** The roles allowed each capability (separation of duties: administrators manage accounts, not the list). */
export const CAPABILITIES = {
  manageAccounts: ['admin'],
  manageApiKeys: ['admin'],
  importData: ['court_clerk', 'credit_office'],
  removeEntries: ['court_clerk'],
  viewEntries: ['court_clerk', 'credit_office', 'department_officer'],
  removalClock: ['court_clerk', 'credit_office'],
} as const satisfies Record<string, readonly StaffRole[]>;
export type Capability = keyof typeof CAPABILITIES;

export function can(staff: Staff, capability: Capability): boolean {
  return (CAPABILITIES[capability] as readonly StaffRole[]).includes(staff.role);
}

export async function currentStaff(): Promise<Staff | null> {
  const requestHeaders = await headers(); // first: it makes the page dynamic before any database access
  const session = await staffAuth().api.getSession({ headers: requestHeaders });
  const user = session?.user;
  if (!user || user.banned || !STAFF_ROLES.includes(user.role as StaffRole)) return null;
  return { id: user.id, name: user.name, email: user.email, role: user.role as StaffRole, departmentCode: user.departmentCode ?? null };
}

export async function requireStaff(capability?: Capability): Promise<Staff> {
  const staff = await currentStaff();
  if (!staff) redirect('/admin/sign-in');
  if (capability && !can(staff, capability)) forbidden();
  return staff;
}

/** How staff appear as the actor of an event. */
export function staffActor(staff: Staff): string {
  return `staff:${staff.email}`;
}
