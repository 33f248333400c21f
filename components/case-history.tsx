import type { Case } from '@/db/schema';
import { actorLabel, type ActorDirectory } from '@/lib/actors';
import { CASE_STATUS_LABELS } from '@/lib/labels';

const timeFormat = new Intl.DateTimeFormat('zh-CN', {
  timeZone: 'Asia/Shanghai',
  dateStyle: 'medium',
  timeStyle: 'short',
});

export function formatTime(d: Date) {
  return timeFormat.format(d);
}

/**
 * A case's events, oldest first; with `actors` (staff pages) each says who acted, in words (the public /track page
 * leaves them out).
 */
export function CaseHistory({
  events,
  actors,
}: {
  events: { id: number; status: Case['status']; at: Date; actor: string; note: string | null }[];
  actors?: ActorDirectory;
}) {
  return (
    <ol className="mt-2 space-y-1 border-l-2 border-brand-100 pl-4">
      {events.map((e) => (
        <li key={e.id} data-testid="case-event">
          <time dateTime={e.at.toISOString()} className="text-slate-700">
            {formatTime(e.at)}
          </time>{' '}
          <span className="font-semibold">{CASE_STATUS_LABELS[e.status]}</span>
          {e.note ? `（${e.note}）` : ''}
          {actors && <span className="text-sm text-slate-700"> · {actorLabel(e.actor, actors)}</span>}
        </li>
      ))}
    </ol>
  );
}
