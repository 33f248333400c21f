import { sql } from 'drizzle-orm';
import { NextResponse } from 'next/server';
import { getDb } from '@/db/client';
import { noStore } from '@/lib/api';
import { searchEngine } from '@/lib/search';

export async function GET() {
  let database = 'ok';
  try {
    await getDb().execute(sql`SELECT 1`);
  } catch {
    database = 'unreachable';
  }
  const ok = database === 'ok';
  return noStore(NextResponse.json({ status: ok ? 'ok' : 'degraded', database, searchEngine: searchEngine().name }, { status: ok ? 200 : 503 }));
}
