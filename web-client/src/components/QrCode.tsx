import { useEffect, useRef } from 'preact/hooks';
import QRCode from 'qrcode';

/**
 * A QR code drawn on a canvas by the `qrcode` package: no inline markup or
 * styles, so the server's Content-Security-Policy has nothing to refuse.
 */
export function QrCode({ text, size, label }: { text: string; size: number; label: string }) {
  const canvas = useRef<HTMLCanvasElement>(null);
  useEffect(() => {
    if (canvas.current) {
      QRCode.toCanvas(canvas.current, text, { width: size, margin: 1, errorCorrectionLevel: 'M' }).catch(() => undefined);
    }
  }, [text, size]);
  return <canvas ref={canvas} class="qr" role="img" aria-label={label} width={size} height={size} data-qr-text={text} />;
}
