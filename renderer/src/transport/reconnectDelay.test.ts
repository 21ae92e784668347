import { describe, expect, it } from 'vitest';
import { reconnectDelay } from './reconnectDelay';

describe('reconnectDelay', () => {
  it('doubles from half a second and stops at thirty', () => {
    const middle = () => 0.5;
    expect([1, 2, 3, 4, 10, 50].map((attempt) => reconnectDelay(attempt, middle))).toEqual([
      500, 1000, 2000, 4000, 30_000, 30_000,
    ]);
  });

  it('spreads retries by at most a fifth either way', () => {
    expect(reconnectDelay(1, () => 0)).toBe(400);
    expect(reconnectDelay(1, () => 1)).toBe(600);
  });
});
