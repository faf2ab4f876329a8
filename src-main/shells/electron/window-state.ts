import { readFileSync, renameSync, writeFileSync } from 'node:fs';
import { z } from 'zod';

/**
 * The window comes back where the cashier left it: size, position and maximised. Kept in a small JSON
 * file beside the data folder. A saved position on a display that is gone (a laptop taken off its
 * dock) is moved onto one that is there, never left off screen.
 */
export interface Bounds {
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface WindowState {
  bounds: Bounds;
  maximized: boolean;
}

export const WINDOW_STATE_FILE = 'window-state.json';
export const DEFAULT_SIZE = { width: 1280, height: 800 };
export const MIN_SIZE = { width: 1024, height: 700 };

const int = z.number().int().min(-100_000).max(100_000);
const stateSchema = z.object({
  bounds: z.object({ x: int, y: int, width: int.min(1), height: int.min(1) }),
  maximized: z.boolean(),
});

/** The saved state, or null when there is none or it cannot be read (the defaults then apply). */
export function readWindowState(file: string): WindowState | null {
  try {
    const parsed = stateSchema.safeParse(JSON.parse(readFileSync(file, 'utf8')));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

export function writeWindowState(file: string, state: WindowState): void {
  writeFileSync(`${file}.tmp`, JSON.stringify(state));
  renameSync(`${file}.tmp`, file);
}

function overlap(a: Bounds, b: Bounds): number {
  const w = Math.min(a.x + a.width, b.x + b.width) - Math.max(a.x, b.x);
  const h = Math.min(a.y + a.height, b.y + b.height) - Math.max(a.y, b.y);
  return w > 0 && h > 0 ? w * h : 0;
}

/**
 * Where to open the window, given the displays' work areas (primary first). The saved bounds are kept
 * when most of the window's title bar area is on some display; otherwise the window is centred on the
 * display it overlaps most (or the primary), and shrunk to fit it.
 */
export function placeWindow(
  saved: WindowState | null,
  workAreas: readonly Bounds[],
): WindowState & { centre: boolean } {
  const primary = workAreas[0];
  if (!saved || !primary) return { bounds: { x: 0, y: 0, ...DEFAULT_SIZE }, maximized: false, centre: true };
  const titleBar = { ...saved.bounds, height: Math.min(40, saved.bounds.height) };
  const visible = workAreas.some((area) => overlap(titleBar, area) >= (titleBar.width * titleBar.height) / 2);
  const width = Math.max(MIN_SIZE.width, saved.bounds.width);
  const height = Math.max(MIN_SIZE.height, saved.bounds.height);
  if (visible)
    return { bounds: { ...saved.bounds, width, height }, maximized: saved.maximized, centre: false };
  const target =
    [...workAreas].sort((a, b) => overlap(saved.bounds, b) - overlap(saved.bounds, a))[0] ?? primary;
  const fitted = { width: Math.min(width, target.width), height: Math.min(height, target.height) };
  return {
    bounds: {
      x: target.x + Math.round((target.width - fitted.width) / 2),
      y: target.y + Math.round((target.height - fitted.height) / 2),
      ...fitted,
    },
    maximized: saved.maximized,
    centre: false,
  };
}
