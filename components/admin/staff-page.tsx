import type { ReactNode } from 'react';
import { actorLabel, type ActorDirectory } from '@/lib/actors';
import { formatDate } from '@/lib/format';

/** A staff page's main landmark, its title and the introduction under it. */
export function StaffMain({ title, intro, children }: { title: string; intro?: ReactNode; children: ReactNode }) {
  return (
    <main id="main" className="mx-auto w-full max-w-6xl px-4 py-8">
      <h1 className="text-2xl font-bold">{title}</h1>
      {intro}
      {children}
    </main>
  );
}

/** A titled section of a staff page; `empty`, when given, stands in for the content (there is nothing to show). */
export function StaffSection({
  id,
  title,
  empty,
  className = 'mt-8',
  titleTestId,
  children,
}: {
  id: string;
  title: ReactNode;
  empty?: string | false;
  className?: string;
  titleTestId?: string;
  children?: ReactNode;
}) {
  return (
    <section aria-labelledby={id} className={className}>
      <h2 id={id} className="text-xl font-bold" data-testid={titleTestId}>
        {title}
      </h2>
      {empty ? <p className="mt-2">{empty}</p> : children}
    </section>
  );
}

/** Who did something (an actor code, shown by actorLabel) and on which day. */
export function byWhom(actor: string | null, at: Date | string | null, actors: ActorDirectory): string {
  return actor ? `${actorLabel(actor, actors)}，${formatDate(at)}` : '—';
}
