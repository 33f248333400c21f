/** A signed-in staff member, and how they appear as the actor of an event (no Next.js imports: db code uses it). */
export const STAFF_ROLES = ['admin', 'court_clerk', 'credit_office', 'department_officer'] as const;
export type StaffRole = (typeof STAFF_ROLES)[number];

/** `reviewsRemovals`: a court clerk who approves other clerks' revocations and shieldings (负责人审核). */
export type Staff = {
  id: string;
  name: string;
  email: string;
  role: StaffRole;
  departmentCode: string | null;
  court: string | null;
  reviewsRemovals: boolean;
};

/** The platform's own court: a court clerk account without a court (opened before courts were bound) belongs to it. */
export const HOME_COURT = '昆山市人民法院';

export function staffActor(staff: Pick<Staff, 'email'>): string {
  return `staff:${staff.email}`;
}

/**
 * The court whose entries a staff member may act on: a court clerk only their own court's
 * (an account without one is HOME_COURT's); null for the other roles, whose capabilities decide.
 */
export function courtScope(staff: Pick<Staff, 'role' | 'court'>): string | null {
  return staff.role === 'court_clerk' ? (staff.court ?? HOME_COURT) : null;
}

/** Whether a staff member may act on an entry of `court` as far as courts go (clerks: own court only). */
export function inCourtScope(staff: Pick<Staff, 'role' | 'court'>, court: string): boolean {
  const scope = courtScope(staff);
  return scope === null || scope === court;
}
