import { describe, expect, it } from 'vitest';
import {
  faultFromStatus,
  paperNearEnd,
  STATUS_QUERY,
} from '../../../../../src-main/services/printing/escpos-status';

describe('faultFromStatus', () => {
  const reply = (printer: number, cause: number, paper: number) => new Uint8Array([printer, cause, paper]);

  it('asks DLE EOT 1, 2 and 4 in one go', () => {
    expect([...STATUS_QUERY]).toEqual([0x10, 0x04, 0x01, 0x10, 0x04, 0x02, 0x10, 0x04, 0x04]);
  });

  it('finds no fault when the printer is online with paper', () => {
    expect(faultFromStatus(reply(0x12, 0x12, 0x12))).toBeNull();
  });

  it('still prints when the roll is only near its end, and says so', () => {
    expect(faultFromStatus(reply(0x12, 0x12, 0x1e))).toBeNull();
    expect(paperNearEnd(reply(0x12, 0x12, 0x1e))).toBe(true);
    expect(paperNearEnd(reply(0x12, 0x12, 0x12))).toBe(false);
  });

  it('reports paper end from the roll sensor or from the offline cause', () => {
    expect(faultFromStatus(reply(0x1a, 0x12, 0x72))).toBe('PAPER_END');
    expect(faultFromStatus(reply(0x1a, 0x32, 0x12))).toBe('PAPER_END');
  });

  it('reports an open cover before a plain offline state', () => {
    expect(faultFromStatus(reply(0x1a, 0x16, 0x12))).toBe('COVER_OPEN');
    expect(faultFromStatus(reply(0x1a, 0x12, 0x12))).toBe('OFFLINE');
  });

  it('treats bytes that are not status bytes as no answer', () => {
    expect(faultFromStatus(reply(0x41, 0x42, 0x43))).toBe('NO_STATUS');
  });
});
