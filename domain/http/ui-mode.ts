import 'server-only';
import { cookies } from 'next/headers';
import { parseUiMode, UI_MODE_COOKIE, type UiMode } from '@/lib/ui-mode';

/** The reader's display mode (the /mode link's cookie); 标准版 unless they chose 长辈版. */
export async function currentUiMode(): Promise<UiMode> {
  return parseUiMode((await cookies()).get(UI_MODE_COOKIE)?.value) ?? 'standard';
}
