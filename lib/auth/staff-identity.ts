/** A signed-in staff member, and how they appear as the actor of an event (no Next.js imports: db code uses it). */
export const STAFF_ROLES = ['admin', 'court_clerk', 'credit_office', 'department_officer'] as const;
export type StaffRole = (typeof STAFF_ROLES)[number];

export const ROLE_LABELS: Record<StaffRole, string> = {
  admin: '系统管理员',
  court_clerk: '法院执行干警',
  credit_office: '信用办工作人员',
  department_officer: '联动单位经办人',
};

export type Staff = { id: string; name: string; email: string; role: StaffRole; departmentCode: string | null };

export function staffActor(staff: Pick<Staff, 'email'>): string {
  return `staff:${staff.email}`;
}
