'use client';

import { buttonClass } from '@/components/admin/fields';

/** Opens the browser's print dialog (where “save as PDF” downloads the report). */
export function PrintButton() {
  return (
    <button type="button" className={`${buttonClass} print:hidden`} onClick={() => window.print()}>
      打印或保存为 PDF
    </button>
  );
}
