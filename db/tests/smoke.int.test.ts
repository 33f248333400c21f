import { describe, expect, it } from 'vitest';
import { listMeasures } from '@/db/queries';

describe('reference data', () => {
  it('loads 41 measures', async () => {
    expect(await listMeasures()).toHaveLength(41);
  });
});
