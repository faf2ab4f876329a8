import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { allChannelNames, channels as c } from '../../../../shared/ipc/channels';
import { ok } from '../../../../shared/result';
import { storageFault } from '../../../../src-main/db/storage-fault';
import { createDispatcher, INTERNAL_MESSAGE, type Handlers } from '../../../../src-main/ipc/dispatcher';
import { storageFailure } from '../../../../src-main/ipc/storage-failure';
import { createTranslate } from '../../../../src-main/messages';

// Which errors are the disk's, and the sentence each channel answers (docs/OPERATIONS.md "Disk full").
// A real full disk under a real core is test/integration/disk-full.test.ts; these are the codes a
// tmpfs cannot produce on demand (a failing disk, a quota) and the refund's wording.

const sqlite = (code: string) => new Database.SqliteError(`sqlite says ${code}`, code);
const system = (code: string) => Object.assign(new Error(`${code}: write failed`), { code });

describe('storageFault', () => {
  it('tells a full disk from a failing one, for SQLite and for the files the core writes itself', () => {
    expect(storageFault(sqlite('SQLITE_FULL'))).toBe('full');
    expect(storageFault(system('ENOSPC'))).toBe('full');
    expect(storageFault(system('EDQUOT'))).toBe('full');
    expect(storageFault(sqlite('SQLITE_IOERR_WRITE'))).toBe('failed');
    expect(storageFault(sqlite('SQLITE_IOERR_FSYNC'))).toBe('failed');
    expect(storageFault(sqlite('SQLITE_READONLY'))).toBe('failed');
    expect(storageFault(sqlite('SQLITE_CORRUPT'))).toBe('failed');
    expect(storageFault(system('EROFS'))).toBe('failed');
  });

  it('leaves every other error to the generic failure', () => {
    expect(storageFault(sqlite('SQLITE_CONSTRAINT_UNIQUE'))).toBeNull();
    expect(storageFault(sqlite('SQLITE_BUSY'))).toBeNull();
    // A SQLite-looking code on an error SQLite did not raise is not the disk's.
    expect(storageFault(system('SQLITE_FULL'))).toBeNull();
    expect(storageFault(new Error('a bug'))).toBeNull();
    expect(storageFault(null)).toBeNull();
  });
});

describe('storageFailure', () => {
  const english = storageFailure(createTranslate(() => 'en'));
  const german = storageFailure(createTranslate(() => 'de'));

  it('says a sale was not saved and what to do with the money', () => {
    expect(english(sqlite('SQLITE_IOERR_WRITE'), c.checkout.complete)).toEqual({
      ok: false,
      reason: 'STORAGE_FAILED',
      message:
        'The terminal could not write to its disk, so this sale was NOT saved. Do not take the money, and ' +
        'hand back any you already took. Free space on the disk or call the technician, then take payment ' +
        'again: the cart is still here.',
    });
  });

  it('tells the cashier not to pay out a refund or void that was not saved', () => {
    for (const channel of [c.sales.refund, c.sales.void]) {
      expect(english(sqlite('SQLITE_FULL'), channel)).toMatchObject({
        reason: 'STORAGE_FULL',
        message: expect.stringContaining('so this refund was NOT saved. Do not pay out any money.') as string,
      });
    }
    expect(german(sqlite('SQLITE_FULL'), c.sales.refund)?.message).toMatch(
      /^Der Datenträger des Terminals ist voll, daher wurde diese Erstattung NICHT gespeichert\. Bitte kein Geld auszahlen\./,
    );
  });

  it('answers the dispatcher in place of its generic failure, and only for the disk', async () => {
    let thrown: Error | undefined;
    const handlers = Object.fromEntries(
      allChannelNames.map((channel) => [
        channel,
        () => {
          if (thrown) throw thrown;
          return ok(null);
        },
      ]),
    ) as unknown as Handlers;
    const dispatch = createDispatcher(
      handlers,
      () => ok(undefined as never),
      () => undefined,
      english,
    );
    thrown = system('ENOSPC');
    expect(await dispatch(c.settings.update, { language: 'de' })).toMatchObject({
      ok: false,
      reason: 'STORAGE_FULL',
      message: expect.stringMatching(/^The terminal’s disk is full, so this was NOT saved\./) as string,
    });
    thrown = new Error('a bug');
    expect(await dispatch(c.settings.update, { language: 'de' })).toEqual({
      ok: false,
      reason: 'INTERNAL',
      message: INTERNAL_MESSAGE,
    });
  });
});
