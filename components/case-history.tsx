import { STATUS_LABELS } from '@/db/applications';
import type { Case } from '@/db/schema';

const timeFormat = new Intl.DateTimeFormat('zh-CN', { timeZone: 'Asia/Shanghai', dateStyle: 'medium', timeStyle: 'short' });

export function formatTime(d: Date) {
  return timeFormat.format(d);
}

/** A case's events, oldest first. */
export function CaseHistory({ events, showActor }: { events: { id: number; status: Case['status']; at: Date; actor: string; note: string | null }[]; showActor?: boolean }) {
  return (
    <ol className="mt-2 space-y-1 border-l-2 border-brand-100 pl-4">
      {events.map((e) => (
        <li key={e.id} data-testid="case-event">
          <time dateTime={e.at.toISOString()} className="text-slate-700">
            {formatTime(e.at)}
          </time>{' '}
          <span className="font-semibold">{STATUS_LABELS[e.status]}</span>
          {e.note ? `（${e.note}）` : ''}
          {showActor && <span className="text-sm text-slate-700"> · {e.actor}</span>}
        </li>
      ))}
    </ol>
  );
}
