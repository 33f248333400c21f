/**
 * Child process for the "one email per task and day, from any number of processes" test: one server process's
 * kept-measure notice job, run once for the given day, printing how many emails it queued.
 *   KEPT_DUE_CHILD='{"today":"2027-01-10","url":"smtp://127.0.0.1:2525"}' node --import tsx db/tests/kept-due-child.ts
 */
import { queueKeptDueNotices } from '@/domain/entries/lifting';

const opts = JSON.parse(process.env.KEPT_DUE_CHILD ?? '{}') as { today: string; url: string };
const queued = await queueKeptDueNotices({ mail: { url: opts.url }, today: opts.today });
process.stdout.write(String(queued));
process.exit(0);
