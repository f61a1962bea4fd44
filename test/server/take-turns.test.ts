import { describe, expect, it } from 'vitest';
import { takeTurns } from '../../src/server/take-turns.ts';

describe('takeTurns', () => {
  it('gives one waiting request per turn of the event loop, in arrival order', async () => {
    const turn = takeTurns();
    const order: string[] = [];
    const requests = ['a', 'b', 'c'].map((name) => turn().then(() => order.push(name)));
    // Other work of the event loop (new connections, sockets) gets between two requests.
    setImmediate(() => order.push('io'));
    await Promise.all(requests);
    expect(order).toEqual(['a', 'io', 'b', 'c']);
  });

  it('starts again after the queue empties', async () => {
    const turn = takeTurns();
    await turn();
    const order: string[] = [];
    await Promise.all([turn().then(() => order.push('x')), turn().then(() => order.push('y'))]);
    expect(order).toEqual(['x', 'y']);
  });
});
