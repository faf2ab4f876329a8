import { createRequire } from 'node:module';
import type { BrowserContext, Locator } from '@playwright/test';

const require = createRequire(import.meta.url);

/**
 * Reads a QR code shown on screen as a scanner at the window would: the image is drawn onto a canvas in
 * a blank page of the same browser and decoded by jsQR from its pixels, so what the test gets is what
 * the picture encodes, not the text printed beside it.
 */
export async function readQrCode(context: BrowserContext, image: Locator): Promise<string> {
  const src = await image.getAttribute('src');
  if (!src) throw new Error('the QR code image has no src');
  const scanner = await context.newPage();
  try {
    await scanner.setContent('<!doctype html><title>scanner</title>');
    await scanner.addScriptTag({ path: require.resolve('jsqr/dist/jsQR.js') });
    const text = await scanner.evaluate(async (source) => {
      const img = new Image();
      img.src = source;
      await img.decode();
      const size = 600;
      const canvas = document.createElement('canvas');
      canvas.width = size;
      canvas.height = size;
      const draw = canvas.getContext('2d');
      if (!draw) return null;
      draw.fillStyle = '#fff';
      draw.fillRect(0, 0, size, size);
      draw.drawImage(img, 0, 0, size, size);
      const pixels = draw.getImageData(0, 0, size, size);
      const decode = (
        window as unknown as { jsQR: (d: Uint8ClampedArray, w: number, h: number) => { data: string } | null }
      ).jsQR;
      return decode(pixels.data, size, size)?.data ?? null;
    }, src);
    if (text === null) throw new Error('no QR code could be read from the image');
    return text;
  } finally {
    await scanner.close();
  }
}
