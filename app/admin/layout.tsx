import type { ReactNode } from 'react';
import { StaffChrome } from '@/components/admin/staff-chrome';

export default function AdminLayout({ children }: { children: ReactNode }) {
  return <StaffChrome>{children}</StaffChrome>;
}
