import { isValidUscc, normalizeIdentifierInput } from '@/lib/identifiers';
import { nameBigrams, namePinyin, normalizeCaseNo, normalizeText } from '@/lib/normalize';
import type { EntryInput } from '@/lib/validation/entry-push';

/**
 * The normalised forms an entry is matched on. Stored and queried through the same
 * functions, so (（２０１７）苏0583执１２３４号) and ((2017)苏0583执1234号) meet.
 */
export function searchFieldsFor(
  // A stored row (adapters' test entries) may lack an ID number; a pushed entry always has one.
  entry: Pick<EntryInput, 'subjectType' | 'name' | 'caseNo' | 'otherIds'> & { idNumber?: string | null },
) {
  const searchName = normalizeText(entry.name);
  // Surname readings (单 → shan) only make sense for people's names.
  const pinyin = namePinyin(entry.name, { surname: entry.subjectType === 'person' });
  const ids = new Set<string>();
  for (const raw of [entry.idNumber, ...(entry.otherIds ?? []).map((o) => o.number)]) {
    if (!raw) continue;
    const id = normalizeIdentifierInput(raw);
    if (!id) continue;
    ids.add(id);
    // A USCC embeds the organisation code (characters 9–17): either finds the entity.
    if (entry.subjectType === 'organization' && isValidUscc(id)) ids.add(id.slice(8, 17));
  }
  return {
    searchName,
    // 2-character grams suffice: queries shorter than two characters are refused.
    searchGrams: nameBigrams(entry.name),
    searchPinyin: pinyin.full,
    searchInitials: pinyin.initials,
    searchCaseNo: normalizeCaseNo(entry.caseNo),
    searchIds: [...ids],
  };
}
