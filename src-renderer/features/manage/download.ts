/** Offers a Blob as a file download through a Blob URL: the renderer never writes to disk itself. */
function downloadBlob(fileName: string, blob: Blob): void {
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  link.hidden = true;
  document.body.appendChild(link);
  link.click();
  link.remove();
  // The click has handed the Blob to the download by the next turn; keeping the URL would leak it.
  setTimeout(() => URL.revokeObjectURL(url), 0);
}

/** Offers text as a file download (a CSV export). */
export function downloadText(fileName: string, text: string, type: string): void {
  downloadBlob(fileName, new Blob([text], { type }));
}

/** Offers bytes as a file download (a PDF the server or the main process made). */
export function downloadBytes(fileName: string, bytes: Uint8Array<ArrayBuffer>, type: string): void {
  downloadBlob(fileName, new Blob([bytes], { type }));
}

/** The bytes of base64 text, as IPC carries a file (atob: the renderer has no Buffer). */
export function bytesOfBase64(base64: string): Uint8Array<ArrayBuffer> {
  const binary = atob(base64);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}
