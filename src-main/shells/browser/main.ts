import { launchBrowserHost, stopOnSignals } from './launch';
import { browserHostOptionsFromEnv } from './options';

// `npm run start:browser`: the terminal core in Node, its screens in any local browser.

const options = browserHostOptionsFromEnv(process.env);
if (!options.ok) {
  console.error(options.message);
  process.exit(1);
}
const launch = await launchBrowserHost({ ...options.value, open: true });
if (launch) stopOnSignals(launch);
