/** Offers text as a file download through a Blob URL: the renderer never writes to disk itself. */
export function downloadText(fileName: string, text: string, type: string): void {
  const url = URL.createObjectURL(new Blob([text], { type }));
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
