/** A signed-in staff member, and how they appear as the actor of an event (no Next.js imports: db code uses it). */
import type { StaffRole } from './staff';

export type Staff = { id: string; name: string; email: string; role: StaffRole; departmentCode: string | null };

export function staffActor(staff: Pick<Staff, 'email'>): string {
  return `staff:${staff.email}`;
}
