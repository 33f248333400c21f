import type { Metadata } from 'next';
import { listDepartments } from '@/domain/publishing/queries';
import { MIN_PASSWORD_LENGTH } from '@/domain/auth/staff';
import { capabilityOf } from '@/lib/auth/staff-pages';
import { requireStaff } from '@/domain/auth/staff-session';
import { courtChoices, listStaffUsers } from '@/domain/auth/staff-users';
import { formatDate } from '@/lib/format';
import { StaffTable } from '@/components/admin/staff-table';
import { NewUserForm } from './new-user-form';
import { accountStatus, securityWords, unitOrCourt } from './words';
import { ROLE_LABELS } from '@/lib/labels';
import { STAFF_ROLES } from '@/lib/auth/staff-identity';

export const metadata: Metadata = { title: '账号管理' };

export default async function UsersPage() {
  const staff = await requireStaff(capabilityOf('/admin/users')!);
  const [users, departments, courts] = await Promise.all([listStaffUsers(), listDepartments(), courtChoices()]);
  const units = departments.filter((d) => d.isMemberUnit).map((d) => ({ value: d.code, label: d.name }));
  return (
    <main id="main" className="mx-auto w-full max-w-6xl px-4 py-8">
      <h1 className="text-2xl font-bold">账号管理</h1>
      <p className="mt-2 max-w-3xl text-slate-800">
        管理员开设账号或重置密码后，本人首次登录须先修改密码；系统管理员须启用动态口令（身份验证器应用）后才能使用其他功能。变更角色、重置密码和停用账号都会立即结束该账号的登录状态，并记入审计日志。
      </p>
      <section aria-labelledby="users-title" className="mt-6">
        <h2 id="users-title" className="text-xl font-bold">
          工作人员账号
        </h2>
        <div className="mt-2">
          <StaffTable
            headers={['姓名', '电子邮箱', '角色', '成员单位／法院', '开设日期', '登录安全', '状态', '操作']}
            caption={`工作人员账号，共 ${users.length} 个`}
            minWidth="56rem"
          >
            {users.map((u) => (
              <tr key={u.id} data-testid="user-row">
                <td className="px-3 py-2">{u.name}</td>
                <td className="px-3 py-2 break-all">{u.email}</td>
                <td className="px-3 py-2">{ROLE_LABELS[u.role]}</td>
                <td className="px-3 py-2">{unitOrCourt(u)}</td>
                <td className="px-3 py-2 whitespace-nowrap">{formatDate(u.createdAt)}</td>
                <td className="px-3 py-2">{securityWords(u)}</td>
                <td className="px-3 py-2">{accountStatus(u)}</td>
                <td className="px-3 py-2">
                  {u.id === staff.id ? (
                    <a href="/admin/account" className="text-brand-700 underline">
                      我的账号
                    </a>
                  ) : (
                    <a
                      href={`/admin/users/${encodeURIComponent(u.id)}`}
                      className="text-brand-700 underline"
                      aria-label={`管理 ${u.email}`}
                    >
                      管理
                    </a>
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
        <NewUserForm
          roles={STAFF_ROLES.map((r) => ({ value: r, label: ROLE_LABELS[r] }))}
          units={units}
          courts={courts.map((c) => ({ value: c, label: c }))}
          minPassword={MIN_PASSWORD_LENGTH}
        />
      </section>
    </main>
  );
}
