/**
 * The court directory (执行法院) as pure data: the domain loads it from the `courts` table and passes it to the
 * boundary checks (lib/validation/entry-push.ts) and to the pages that route correction requests.
 */
import { normalizeText } from '@/lib/normalize';

export type Court = {
  name: string;
  code: string;
  aliases: string[];
  superior: string | null;
  phone: string;
  address: string;
  handlesRequests: boolean;
  sortOrder: number;
};

/** Canonical names in the directory's order, and every name and alias (normalised) mapped to its court. */
export type CourtDirectory = { courts: readonly Court[]; byKey: ReadonlyMap<string, Court> };

export function courtDirectory(courts: readonly Court[]): CourtDirectory {
  const sorted = [...courts].sort((a, b) => a.sortOrder - b.sortOrder);
  const byKey = new Map<string, Court>();
  for (const c of sorted) for (const n of [c.name, ...c.aliases]) byKey.set(normalizeText(n), c);
  return { courts: sorted, byKey };
}

/** The court a name or alias means (full-width, spaces, traditional characters and case folded), or null. */
export function resolveCourt(directory: CourtDirectory, raw: string): Court | null {
  return directory.byKey.get(normalizeText(raw)) ?? null;
}

/** How a court that takes no requests here is reached: its name, phone and address in one sentence. */
export function courtContact(court: Court): string {
  return `${court.name}（联系电话：${court.phone}；地址：${court.address}）`;
}
