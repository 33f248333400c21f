'use client';

import { usePathname, useSearchParams } from 'next/navigation';
import { modeSwitchHref, UI_MODE_LABELS, type UiMode } from '@/lib/ui-mode';

/**
 * The header's 长辈版 / 标准版 switch: a plain link (rendered on the server with the current address, so it works
 * without JavaScript) to /mode, which remembers the choice and comes back here.
 */
export function ModeSwitch({ mode, className }: { mode: UiMode; className: string }) {
  const pathname = usePathname();
  const query = useSearchParams().toString();
  const to: UiMode = mode === 'elder' ? 'standard' : 'elder';
  return (
    <a
      href={modeSwitchHref(to, query ? `${pathname}?${query}` : pathname)}
      className={className}
      data-testid="mode-switch"
    >
      {UI_MODE_LABELS[to]}
    </a>
  );
}
