import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { backoffDelay, createScheduler } from '../../../../../src-main/services/sync/scheduler';

describe('backoffDelay', () => {
  it('starts at one second, doubles, and stops at a minute, jittered within the upper half', () => {
    expect([1, 2, 3, 4].map((f) => backoffDelay(f, () => 1))).toEqual([1000, 2000, 4000, 8000]);
    expect(backoffDelay(30, () => 1)).toBe(60_000);
    expect(backoffDelay(1, () => 0)).toBe(500);
    expect(backoffDelay(30, () => 0)).toBe(30_000);
  });
});

describe('createScheduler', () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('runs a round at once, then every interval while rounds succeed', async () => {
    const round = vi.fn(() => Promise.resolve(true));
    const scheduler = createScheduler({ round, intervalMs: 5000, onError: () => undefined });
    scheduler.start();
    await vi.advanceTimersByTimeAsync(0);
    expect(round).toHaveBeenCalledTimes(1);
    await vi.advanceTimersByTimeAsync(5000);
    expect(round).toHaveBeenCalledTimes(2);
    await scheduler.stop();
    await vi.advanceTimersByTimeAsync(60_000);
    expect(round).toHaveBeenCalledTimes(2);
  });

  it('backs off while rounds fail and returns to the interval after a success', async () => {
    let succeed = false;
    const round = vi.fn(() => Promise.resolve(succeed));
    const scheduler = createScheduler({ round, intervalMs: 5000, random: () => 1, onError: () => undefined });
    scheduler.start();
    await vi.advanceTimersByTimeAsync(0); // fails: next in 1 s
    await vi.advanceTimersByTimeAsync(1000); // fails: next in 2 s
    expect(round).toHaveBeenCalledTimes(2);
    await vi.advanceTimersByTimeAsync(1999);
    expect(round).toHaveBeenCalledTimes(2);
    succeed = true;
    await vi.advanceTimersByTimeAsync(1);
    expect(round).toHaveBeenCalledTimes(3);
    await vi.advanceTimersByTimeAsync(5000);
    expect(round).toHaveBeenCalledTimes(4);
    await scheduler.stop();
  });

  it('runs another round right after the one in flight when kicked', async () => {
    let release: (ok: boolean) => void = () => undefined;
    const round = vi.fn(() => new Promise<boolean>((resolve) => (release = resolve)));
    const scheduler = createScheduler({ round, intervalMs: 60_000, onError: () => undefined });
    scheduler.start();
    await vi.advanceTimersByTimeAsync(0);
    scheduler.kick();
    release(true);
    await vi.advanceTimersByTimeAsync(0);
    expect(round).toHaveBeenCalledTimes(2);
    release(true);
    await scheduler.stop();
  });

  it('leaves the backoff alone when kicked, but runs at once when resumed', async () => {
    let succeed = false;
    const round = vi.fn(() => Promise.resolve(succeed));
    const scheduler = createScheduler({ round, intervalMs: 5000, random: () => 1, onError: () => undefined });
    scheduler.start();
    for (const wait of [0, 1000, 2000, 4000]) await vi.advanceTimersByTimeAsync(wait); // next in 16 s
    expect(round).toHaveBeenCalledTimes(4);
    scheduler.kick();
    await vi.advanceTimersByTimeAsync(0);
    expect(round).toHaveBeenCalledTimes(4);
    succeed = true;
    scheduler.resume();
    await vi.advanceTimersByTimeAsync(0);
    expect(round).toHaveBeenCalledTimes(5);
    await vi.advanceTimersByTimeAsync(5000);
    expect(round).toHaveBeenCalledTimes(6);
    await scheduler.stop();
  });
});
