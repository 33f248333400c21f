import { HOME_COURT, type StaffRole } from '@/lib/auth/staff-identity';

type Account = {
  role: StaffRole;
  court: string | null;
  reviewsRemovals: boolean;
  departmentName: string | null;
  banned: boolean | null;
  signInBlocked: boolean;
  mustChangePassword: boolean;
  twoFactorEnabled: boolean | null;
};

export function unitOrCourt(u: Pick<Account, 'role' | 'court' | 'departmentName' | 'reviewsRemovals'>): string {
  return u.role === 'court_clerk'
    ? `${u.court ?? HOME_COURT}${u.reviewsRemovals ? '（负责审核撤销、屏蔽）' : ''}`
    : (u.departmentName ?? '—');
}

export function securityWords(u: Pick<Account, 'role' | 'mustChangePassword' | 'twoFactorEnabled'>): string {
  const totp = u.twoFactorEnabled
    ? '动态口令已启用'
    : u.role === 'admin'
      ? '动态口令未启用（登录后须先启用）'
      : '未启用动态口令';
  return u.mustChangePassword ? `须修改初始密码；${totp}` : totp;
}

export function accountStatus(u: Pick<Account, 'banned' | 'signInBlocked'>): string {
  return u.banned ? '已停用' : u.signInBlocked ? '多次密码错误，部分地址暂停登录' : '正常';
}
