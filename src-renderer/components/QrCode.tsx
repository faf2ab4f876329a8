import * as QRCode from 'qrcode';
import { useEffect, useState } from 'react';

interface QrCodeProps {
  /** Exactly what a scanner reads; show the same text beside it for people. */
  text: string;
  /** The image's accessible name: what the code is for. */
  label: string;
  size?: number;
}

/**
 * A QR code drawn as SVG in the browser and shown as a data: image, which the pages' content security
 * policy allows (img-src data:) where inline SVG markup or styles would not be.
 */
export function QrCode({ text, label, size = 220 }: QrCodeProps) {
  const [src, setSrc] = useState<string | null>(null);
  useEffect(() => {
    let current = true;
    QRCode.toString(text, { type: 'svg', margin: 2, errorCorrectionLevel: 'M' })
      .then((svg) => {
        if (current) setSrc(`data:image/svg+xml;charset=utf-8,${encodeURIComponent(svg)}`);
      })
      .catch(() => {
        if (current) setSrc(null);
      });
    return () => {
      current = false;
    };
  }, [text]);
  return src ? (
    <img className="qr-code" src={src} alt={label} width={size} height={size} data-testid="qr-code" />
  ) : null;
}
