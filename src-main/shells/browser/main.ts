import { join } from 'node:path';
import { TerminalOpenError } from '../../terminal';
import { BrowserHostError, startBrowserHost } from './server';

// `npm run start:browser`: the terminal core in Node, its screens in any local browser.

const dataDir = process.env.POS_DATA_DIR ?? join(process.cwd(), '.data', 'terminal');
const port = process.env.PORT ? Number(process.env.PORT) : 0;
if (!Number.isInteger(port) || port < 0 || port > 65535) {
  console.error(`PORT must be a whole number from 0 to 65535 (got ${process.env.PORT}).`);
  process.exit(1);
}

try {
  const serverUrl = process.env.POS_SERVER_URL || undefined;
  // Without a central server an empty terminal fills itself with the demo theatre so it can be tried at once.
  const host = await startBrowserHost({
    dataDir,
    port,
    serverUrl,
    demoData: !serverUrl && process.env.POS_DEMO !== '0',
  });
  console.log(`Box office terminal (browser host), data in ${dataDir}`);
  console.log(`Open: ${host.url}`);
  const stop = () => {
    void host.close().then(() => process.exit(0));
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
} catch (error) {
  if (error instanceof BrowserHostError || error instanceof TerminalOpenError) {
    console.error(error.message);
    process.exit(1);
  }
  throw error;
}
