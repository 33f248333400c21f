import type { ReactNode } from 'react';
import { currentUiMode } from '@/domain/http/ui-mode';
import { config } from '@/lib/config';
import { DemoBanner } from './demo-banner';
import { SiteFooter } from './site-footer';
import { SiteHeader } from './site-header';

/**
 * The public site's header, demo notice and footer (the staff portal has its own: components/admin/staff-chrome.tsx).
 */
export async function PublicChrome({ children }: { children: ReactNode }) {
  const mode = await currentUiMode();
  // data-site scopes 长辈版 (app/globals.css) to the public site; `contents` keeps the body's column layout.
  return (
    <div data-site="public" className="contents">
      <SiteHeader mode={mode} />
      {config.demoData && <DemoBanner />}
      {children}
      <SiteFooter />
    </div>
  );
}
