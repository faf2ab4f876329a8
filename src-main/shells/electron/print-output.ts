import { BrowserWindow, type WebContents } from 'electron';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type {
  PrintOutput,
  PrintPayload,
  SendResult,
  ShellPrintOutputs,
} from '../../services/printing/output';
import { toHtml } from '../../services/printing/render';

// The system printer and PDF outputs: the receipt's HTML (its SVG) in a hidden, sandboxed window without
// scripts, printed with Chromium's print stack. Only the Electron shell has these; the core selects them
// by the printer setting 'system' or 'pdf'.

async function withDocument<T>(
  payload: PrintPayload,
  run: (contents: WebContents) => Promise<T>,
): Promise<T> {
  const window = new BrowserWindow({
    show: false,
    webPreferences: { sandbox: true, contextIsolation: true, nodeIntegration: false, javascript: false },
  });
  try {
    const html = toHtml(payload.markup, payload.cpl, payload.paperWidth);
    await window.loadURL(`data:text/html;charset=utf-8,${encodeURIComponent(html)}`);
    return await run(window.webContents);
  } finally {
    window.destroy();
  }
}

export function createElectronPrintOutputs(pdfDir: string): ShellPrintOutputs {
  const system: PrintOutput = {
    send: (payload, settings) =>
      withDocument(
        payload,
        (contents) =>
          new Promise<SendResult>((resolve) => {
            contents.print(
              {
                silent: true,
                printBackground: true,
                deviceName: settings.systemPrinter ?? undefined,
                margins: { marginType: 'none' },
              },
              (success, failureReason) =>
                resolve(success ? { ok: true } : { ok: false, fault: 'OFFLINE', detail: failureReason }),
            );
          }),
      ),
  };
  const pdf: PrintOutput = {
    send: (payload) =>
      withDocument(payload, async (contents): Promise<SendResult> => {
        try {
          const data = await contents.printToPDF({ printBackground: true, preferCSSPageSize: true });
          await mkdir(pdfDir, { recursive: true });
          await writeFile(join(pdfDir, `${payload.jobId}.pdf`), data);
          return { ok: true };
        } catch (error) {
          return { ok: false, fault: 'OUTPUT_UNAVAILABLE', detail: (error as Error).message };
        }
      }),
  };
  return { system, pdf };
}
