import type { ReactNode } from 'react';
import { config } from '@/lib/config';
import { DemoBanner } from './demo-banner';
import { SiteFooter } from './site-footer';
import { SiteHeader } from './site-header';

/**
 * The public site's header, demo notice and footer (the staff portal has its own: components/admin/staff-chrome.tsx).
 */
export function PublicChrome({ children }: { children: ReactNode }) {
  return (
    <>
      <SiteHeader />
      {config.demoData && <DemoBanner />}
      {children}
      <SiteFooter />
    </>
  );
}
