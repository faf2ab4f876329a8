import { describe, expect, it } from 'vitest';
import { installLastResort } from '../../../../../src-main/shells/browser/last-resort';

describe('the browser host last-resort handler', () => {
  it('logs an error nothing caught instead of leaving the process to exit, until removed', () => {
    const logged: string[] = [];
    const before = process.listenerCount('uncaughtException');
    const remove = installLastResort((error, context) => logged.push(`${context}: ${String(error)}`));
    expect(process.listenerCount('uncaughtException')).toBe(before + 1);
    // Node calls these listeners in place of exiting; calling them directly checks what they do.
    const [onException] = process.listeners('uncaughtException').slice(-1);
    const [onRejection] = process.listeners('unhandledRejection').slice(-1);
    onException?.(new Error('boom'), 'uncaughtException');
    onRejection?.(new Error('late'), Promise.resolve());
    expect(logged).toEqual([
      'browser host (uncaught, kept running): Error: boom',
      'browser host (unhandled rejection, kept running): Error: late',
    ]);
    remove();
    expect(process.listenerCount('uncaughtException')).toBe(before);
  });
});
