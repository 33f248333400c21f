import 'server-only';
import type { Entry } from '@/db/schema';
import { scrubText } from '@/lib/disclosure';
import { entryViewUnscrubbed, toPublicEntry, type PublicEntry } from '@/domain/publishing/public-entry';

/**
 * What departments receive of an entry (the change feed, the bulk check): the public view
 * plus its disclosure and status; natural persons' ID numbers whole only for keys allowed
 * full identifiers (lib/disclosure.ts), masked and scrubbed otherwise.
 */
export type SharedEntry = PublicEntry & {
  disclosure: Entry['disclosure'];
  status: Entry['status'];
  statusReason: string | null;
};

export function toSharedEntry(e: Entry, fullIdentifiers: boolean): SharedEntry {
  const shared = { disclosure: e.disclosure, status: e.status };
  if (fullIdentifiers)
    return {
      ...entryViewUnscrubbed(e),
      idNumber: e.idNumber,
      otherIds: e.otherIds,
      ...shared,
      statusReason: e.statusReason,
    };
  return { ...toPublicEntry(e), ...shared, statusReason: e.statusReason === null ? null : scrubText(e.statusReason) };
}
