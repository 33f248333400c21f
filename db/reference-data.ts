import 'server-only';
import { sql } from 'drizzle-orm';
import type { Database } from './client';
import { departments, measureDepartments, measures } from './schema';
import measureRows from './seed-data/measures.json';
import memberUnitRows from './seed-data/member-units.json';
import otherBodyRows from './seed-data/other-bodies.json';

/**
 * Loads the seed's Attachment 2 (41 measures and who implements each) and Attachment 3
 * (member units) from the transcribed data files. Idempotent: rows are upserted, so a
 * corrected transcription takes effect on the next start.
 */
export async function loadReferenceData(db: Database) {
  await db.transaction(async (tx) => {
    const bodies = [
      ...memberUnitRows.map((u) => ({ ...u, isMemberUnit: true, note: null })),
      ...otherBodyRows.map((b) => ({ ...b, sortOrder: 1000 + b.sortOrder, isMemberUnit: false })),
    ];
    await tx
      .insert(departments)
      .values(bodies)
      .onConflictDoUpdate({
        target: departments.code,
        set: {
          name: sql`excluded.name`,
          shortName: sql`excluded.short_name`,
          isMemberUnit: sql`excluded.is_member_unit`,
          sortOrder: sql`excluded.sort_order`,
          note: sql`excluded.note`,
        },
      });
    await tx
      .insert(measures)
      .values(measureRows.map(({ no, numeral, text, implementersText }) => ({ no, numeral, text, implementersText })))
      .onConflictDoUpdate({
        target: measures.no,
        set: {
          numeral: sql`excluded.numeral`,
          text: sql`excluded.text`,
          implementersText: sql`excluded.implementers_text`,
        },
      });
    await tx.delete(measureDepartments);
    await tx
      .insert(measureDepartments)
      .values(measureRows.flatMap((m) => m.departments.map((departmentCode) => ({ measureNo: m.no, departmentCode }))));
  });
}
