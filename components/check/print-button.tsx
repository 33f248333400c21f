'use client';

import { buttonClass } from '@/components/admin/fields';

/** Opens the browser's print dialog (where “save as PDF” downloads the page). */
export function PrintButton({ label = '打印或保存为 PDF' }: { label?: string }) {
  return (
    <button type="button" className={`${buttonClass} print:hidden`} onClick={() => window.print()}>
      {label}
    </button>
  );
}
