import 'server-only';
import { getCourt } from '@/domain/entries/courts';
import { getPublicEntry } from '@/domain/publishing/queries';

/**
 * The court of the entry a court-bound form (纠错, 执行担保) was opened from: the entry page's link names it in `entry`;
 * only a public entry counts.
 */
export async function courtOfEntryQuery(query: Record<string, string | string[] | undefined>) {
  const uid = [query.entry].flat()[0];
  const entry = uid ? await getPublicEntry(uid.slice(0, 64)) : null;
  return entry ? getCourt(entry.court) : null;
}
