import 'server-only';
import { encodeCursor, type FeedEvent } from '@/db/feed';
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

/** A feed event as departments receive it, pulled (GET /api/v1/feed) or pushed (webhooks): one shape for both. */
export function toSharedEvent(e: FeedEvent, fullIdentifiers: boolean) {
  return {
    cursor: encodeCursor(e.cursor),
    eventId: e.eventId,
    kind: e.kind,
    at: e.at.toISOString(),
    reason: fullIdentifiers || e.reason === null ? e.reason : scrubText(e.reason),
    entry: toSharedEntry(e.entry, fullIdentifiers),
  };
}
export type SharedEvent = ReturnType<typeof toSharedEvent>;
