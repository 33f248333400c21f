import 'server-only';
import { eq } from 'drizzle-orm';
import { getDb } from '@/db/client';
import { departments } from '@/db/schema';
import type { Staff } from '@/lib/auth/staff-identity';

/**
 * Whose endpoints a staff member sees: a department officer only its own unit's (by the unit's name, which endpoints
 * carry as their organisation); administrators and the credit office every one (undefined).
 */
export async function webhookScope(staff: Staff): Promise<{ organization?: string }> {
  if (staff.role !== 'department_officer') return {};
  const [unit] = staff.departmentCode
    ? await getDb()
        .select({ name: departments.name })
        .from(departments)
        .where(eq(departments.code, staff.departmentCode))
    : [];
  // An officer without a unit sees nothing: an organisation no endpoint has.
  return { organization: unit?.name ?? '\u0000' };
}
