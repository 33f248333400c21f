/**
 * The court directory (执行法院) from the `courts` table: what the boundaries check pushes and imports against, and
 * what the public pages route correction requests by.
 */
import 'server-only';
import { asc, eq } from 'drizzle-orm';
import { getDb } from '@/db/client';
import { courts } from '@/db/schema';
import { courtDirectory, type Court, type CourtDirectory } from '@/lib/courts';
import { AppError } from '@/lib/errors';

/** Reference data changes only when the server restarts (db/reference-data.ts); a short memo spares a query a push. */
const TTL_MS = 60_000;
let memo: { at: number; directory: Promise<CourtDirectory> } | null = null;

export async function getCourtDirectory(): Promise<CourtDirectory> {
  if (!memo || Date.now() - memo.at > TTL_MS) {
    const directory = getDb().select().from(courts).orderBy(asc(courts.sortOrder)).then(courtDirectory);
    memo = { at: Date.now(), directory };
    directory.catch(() => (memo = null)); // a failed read is not remembered
  }
  return memo.directory;
}

/** One court by its canonical name (entries store it), or null. Read fresh: pages render per request. */
export async function getCourt(name: string): Promise<Court | null> {
  const [row] = await getDb().select().from(courts).where(eq(courts.name, name));
  return row ?? null;
}

/** The canonical courts, in the directory's order (filters, staff accounts). */
export async function listCourts(): Promise<Court[]> {
  return getDb().select().from(courts).orderBy(asc(courts.sortOrder));
}

/** A correction request about an entry of a court that takes none here: the applicant is given its contact. */
export class CourtTakesNoRequestsError extends AppError {
  readonly code = 'court_takes_no_requests';
  constructor(readonly court: Court) {
    super(`${court.name} takes no correction requests on this platform`);
  }
}
