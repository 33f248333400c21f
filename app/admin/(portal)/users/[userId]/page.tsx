import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { listDepartments } from '@/domain/publishing/queries';
import { capabilityOf } from '@/lib/auth/staff-pages';
import { requireStaff } from '@/domain/auth/staff-session';
import { courtChoices, getStaffUser } from '@/domain/auth/staff-users';
import { formatDate } from '@/lib/format';
import { DetailList } from '@/components/admin/staff-table';
import { DisableForm, ResetPasswordForm, ResetTotpForm, RoleForm } from './account-forms';
import { accountStatus, securityWords, unitOrCourt } from '../words';
import { ROLE_LABELS } from '@/lib/labels';
import { STAFF_ROLES } from '@/lib/auth/staff-identity';

export const metadata: Metadata = { title: '管理账号' };

export default async function StaffUserPage({ params }: { params: Promise<{ userId: string }> }) {
  const staff = await requireStaff(capabilityOf('/admin/users/[userId]')!);
  const { userId } = await params;
  const user = userId.length <= 64 ? await getStaffUser(decodeURIComponent(userId)) : null;
  if (!user) notFound();
  const [departments, courts] = await Promise.all([listDepartments(), courtChoices()]);
  const units = departments.filter((d) => d.isMemberUnit).map((d) => ({ value: d.code, label: d.name }));
  const self = user.id === staff.id;
  const account = `${user.name}（${user.email}）`;
  return (
    <main id="main" className="mx-auto w-full max-w-6xl px-4 py-8">
      <p>
        <a href="/admin/users" className="text-brand-700 underline">
          返回账号管理
        </a>
      </p>
      <h1 className="mt-2 text-2xl font-bold">{user.name}</h1>
      <DetailList
        rows={[
          ['电子邮箱', user.email],
          ['角色', ROLE_LABELS[user.role]],
          ['成员单位／法院', unitOrCourt(user)],
          ['开设日期', formatDate(user.createdAt)],
          ['登录安全', securityWords(user)],
          ['状态', accountStatus(user)],
        ]}
      />
      {self ? (
        <p className="mt-6">
          这是您本人的账号：请在
          <a href="/admin/account" className="text-brand-700 underline">
            我的账号
          </a>
          中修改密码或动态口令。管理员不能变更、重置或停用自己的账号。
        </p>
      ) : (
        <>
          <section aria-labelledby="role-title" className="mt-8">
            <h2 id="role-title" className="mb-2 text-xl font-bold">
              变更角色
            </h2>
            <RoleForm
              userId={user.id}
              account={account}
              current={{
                role: user.role,
                departmentCode: user.departmentCode ?? '',
                court: user.court ?? '',
                reviewsRemovals: user.reviewsRemovals ? 'yes' : '',
              }}
              roles={STAFF_ROLES.map((r) => ({ value: r, label: ROLE_LABELS[r] }))}
              units={units}
              courts={courts.map((c) => ({ value: c, label: c }))}
            />
          </section>
          <section aria-labelledby="reset-title" className="mt-8">
            <h2 id="reset-title" className="mb-2 text-xl font-bold">
              重置密码
            </h2>
            <ResetPasswordForm userId={user.id} account={account} />
          </section>
          {user.twoFactorEnabled && (
            <section aria-labelledby="totp-title" className="mt-8">
              <h2 id="totp-title" className="mb-2 text-xl font-bold">
                清除动态口令
              </h2>
              <ResetTotpForm userId={user.id} account={account} />
            </section>
          )}
          <section aria-labelledby="disable-title" className="mt-8">
            <h2 id="disable-title" className="mb-2 text-xl font-bold">
              {user.banned ? '启用账号' : '停用账号'}
            </h2>
            <DisableForm userId={user.id} account={account} banned={user.banned === true} />
          </section>
        </>
      )}
    </main>
  );
}
