import type { Entry } from '@/db/schema';
import { toPublicEntry, type PublicEntry } from './public-entry';

/**
 * What departments receive of an entry (the change feed, the bulk check): the public view
 * plus its disclosure and status; natural persons' ID numbers whole only for keys allowed
 * full identifiers, masked otherwise.
 */
export type SharedEntry = PublicEntry & { disclosure: Entry['disclosure']; status: Entry['status']; statusReason: string | null };

export function toSharedEntry(e: Entry, fullIdentifiers: boolean): SharedEntry {
  const view = toPublicEntry(e);
  return {
    ...view,
    ...(fullIdentifiers ? { idNumber: e.idNumber, otherIds: e.otherIds } : {}),
    disclosure: e.disclosure,
    status: e.status,
    statusReason: e.statusReason,
  };
}
