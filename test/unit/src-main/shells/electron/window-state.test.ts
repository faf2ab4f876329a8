import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import {
  DEFAULT_SIZE,
  MIN_SIZE,
  placeWindow,
  readWindowState,
  writeWindowState,
  type WindowState,
} from '../../../../../src-main/shells/electron/window-state';
import { makeTempDir } from '../../../../helpers/temp-dir';

const laptop = { x: 0, y: 0, width: 1920, height: 1050 };
const monitorRight = { x: 1920, y: 0, width: 2560, height: 1400 };

describe('window state', () => {
  let temp: ReturnType<typeof makeTempDir>;
  afterEach(() => temp?.cleanup());

  it('comes back where it was closed, maximised or not', () => {
    temp = makeTempDir();
    const file = join(temp.path, 'window-state.json');
    const saved: WindowState = { bounds: { x: 2000, y: 40, width: 1400, height: 900 }, maximized: true };
    writeWindowState(file, saved);
    expect(readWindowState(file)).toEqual(saved);
    expect(placeWindow(readWindowState(file), [laptop, monitorRight])).toEqual({ ...saved, centre: false });
  });

  it('opens centred at the default size the first time, or when the file is damaged', () => {
    temp = makeTempDir();
    const file = join(temp.path, 'window-state.json');
    expect(readWindowState(file)).toBeNull();
    writeFileSync(file, '{"bounds": {"x": "left"}');
    expect(readWindowState(file)).toBeNull();
    writeFileSync(
      file,
      JSON.stringify({ bounds: { x: 1e12, y: 0, width: 10, height: 10 }, maximized: false }),
    );
    expect(readWindowState(file)).toBeNull();
    expect(placeWindow(null, [laptop])).toMatchObject({ bounds: DEFAULT_SIZE, centre: true });
  });

  it('moves a window left on a display that is gone onto one that is there, shrunk to fit', () => {
    const onMonitor: WindowState = {
      bounds: { x: 2100, y: 100, width: 2400, height: 1300 },
      maximized: false,
    };
    const placed = placeWindow(onMonitor, [laptop]);
    expect(placed.bounds.width).toBeLessThanOrEqual(laptop.width);
    expect(placed.bounds.height).toBeLessThanOrEqual(laptop.height);
    expect(placed.bounds.x).toBeGreaterThanOrEqual(laptop.x);
    expect(placed.bounds.x + placed.bounds.width).toBeLessThanOrEqual(laptop.x + laptop.width);
    expect(placed.bounds.y + placed.bounds.height).toBeLessThanOrEqual(laptop.y + laptop.height);
  });

  it('never opens smaller than the screens need', () => {
    const tiny: WindowState = { bounds: { x: 10, y: 10, width: 300, height: 200 }, maximized: false };
    expect(placeWindow(tiny, [laptop]).bounds).toMatchObject({ x: 10, y: 10, ...MIN_SIZE });
  });
});
