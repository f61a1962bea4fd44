import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { selectTop } from '../../src/query/select-top.ts';

describe('selectTop', () => {
  it('gives the same first k as a full sort', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: -50, max: 50 }), { maxLength: 300 }), fc.integer({ min: 0, max: 40 }), (items, k) => {
        const byValue = (a: number, b: number) => a - b;
        expect(selectTop(items, k, byValue)).toEqual([...items].sort(byValue).slice(0, k));
      }),
    );
  });
});
