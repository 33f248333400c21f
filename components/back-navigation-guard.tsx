'use client';

import { useEffect } from 'react';

/**
 * A page restored from the browser's back/forward cache would show entries as they were
 * when it was first loaded — possibly since revoked. Reload it so the server decides again.
 */
export function BackNavigationGuard() {
  useEffect(() => {
    const onPageShow = (event: PageTransitionEvent) => {
      if (event.persisted) window.location.reload();
    };
    window.addEventListener('pageshow', onPageShow);
    return () => window.removeEventListener('pageshow', onPageShow);
  }, []);
  return null;
}
