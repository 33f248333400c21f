import type { Metadata } from 'next';
import { listDepartments } from '@/db/queries';
import { MIN_PASSWORD_LENGTH, ROLE_LABELS, STAFF_ROLES } from '@/lib/auth/staff';
import { capabilityOf } from '@/lib/auth/staff-pages';
import { requireStaff } from '@/lib/auth/staff-session';
import { HOME_COURT } from '@/lib/auth/staff-identity';
import { courtChoices, listStaffUsers } from '@/lib/auth/staff-users';
import { formatDate } from '@/lib/format';
import { StaffTable } from '@/components/admin/staff-table';
import { setDisabledAction } from './actions';
import { NewUserForm } from './new-user-form';

export const metadata: Metadata = { title: '账号管理' };

export default async function UsersPage() {
  const staff = await requireStaff(capabilityOf('/admin/users')!);
  const [users, departments, courts] = await Promise.all([listStaffUsers(), listDepartments(), courtChoices()]);
  const units = departments.filter((d) => d.isMemberUnit).map((d) => ({ value: d.code, label: d.name }));
  return (
    <main id="main" className="mx-auto w-full max-w-6xl px-4 py-8">
      <h1 className="text-2xl font-bold">账号管理</h1>
      <section aria-labelledby="users-title" className="mt-6">
        <h2 id="users-title" className="text-xl font-bold">
          工作人员账号
        </h2>
        <div className="mt-2">
          <StaffTable headers={['姓名', '电子邮箱', '角色', '成员单位／法院', '开设日期', '状态', '操作']} minWidth="48rem">
              {users.map((u) => (
                <tr key={u.id} data-testid="user-row">
                  <td className="px-3 py-2">{u.name}</td>
                  <td className="px-3 py-2 break-all">{u.email}</td>
                  <td className="px-3 py-2">{ROLE_LABELS[u.role]}</td>
                  <td className="px-3 py-2">{u.role === 'court_clerk' ? (u.court ?? HOME_COURT) : (u.departmentName ?? '—')}</td>
                  <td className="px-3 py-2 whitespace-nowrap">{formatDate(u.createdAt)}</td>
                  <td className="px-3 py-2">{u.banned ? '已停用' : u.signInBlocked ? '多次密码错误，部分地址暂停登录' : '正常'}</td>
                  <td className="px-3 py-2">
                    {u.id !== staff.id && (
                      <form action={setDisabledAction.bind(null, u.id, !u.banned)}>
                        <button type="submit" className="text-brand-700 underline" aria-label={`${u.banned ? '启用' : '停用'} ${u.email}`}>
                          {u.banned ? '启用' : '停用'}
                        </button>
                      </form>
                    )}
                  </td>
                </tr>
              ))}
          </StaffTable>
        </div>
      </section>
      <section aria-labelledby="new-user-title" className="mt-8">
        <h2 id="new-user-title" className="mb-2 text-xl font-bold">
          开设账号
        </h2>
        <NewUserForm roles={STAFF_ROLES.map((r) => ({ value: r, label: ROLE_LABELS[r] }))} units={units} courts={courts.map((c) => ({ value: c, label: c }))} minPassword={MIN_PASSWORD_LENGTH} />
      </section>
    </main>
  );
}
