import { describe, expect, it } from 'vitest';
import { TARGETS, runTargets } from './targets';

// The seed-stable share of `npm run fuzz` that runs with every `npm test`:
// same cases every time, so a failure here is reproducible as it stands.
describe('fuzz targets (seed-stable share)', () => {
  it('covers every target the issue names', () => {
    expect(TARGETS.map((t) => t.name)).toEqual([
      'APDU response + status words',
      'DER length reading',
      'token info',
      'card session over hostile answers',
      'certificate analysis (random and mutated real-shaped)',
      'facts parser',
      'rule conditions (parse + evaluate)',
    ]);
  });

  it('only typed errors, no hang, no escaping throw (300 cases per target, seed 20261127)', async () => {
    const results = await runTargets(300, 20261127);
    for (const r of results) {
      expect(r.message ?? '', r.name).toBe('');
      expect(r.runs, r.name).toBe(300);
    }
  }, 180_000);
});
