import type { ApplicationKind } from '@/lib/case-terms';
import { KIND_GUIDE } from './guide';

/** The form's legal basis, in words and small print at the end (not citations in the text people read). */
export function BasisNote({ kind }: { kind: ApplicationKind }) {
  return <p className="mt-8 max-w-3xl text-sm text-slate-700">{KIND_GUIDE[kind].basis}。</p>;
}
