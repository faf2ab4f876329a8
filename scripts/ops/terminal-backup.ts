import { existsSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { findAppRoot } from '../../src-main/app-info';
import { backupDataFolder, backupDir, backupFileName, BackupError } from '../../src-main/db/backup';
import { megabytes, readOptions, Refusal, required, runCommand } from './cli';

// `npm run terminal:backup -- --data <folder> [--out <file>]`: a checked copy of a terminal's store,
// also while the terminal runs (docs/OPERATIONS.md "Terminal backups").

const USAGE = 'npm run terminal:backup -- --data <data folder> [--out <file or folder>]';

await runCommand(async () => {
  const options = readOptions(USAGE, ['data', 'out']);
  const dataDir = resolve(
    required(options.data ?? process.env.POS_DATA_DIR, 'which data folder to back up (--data)', USAGE),
  );
  const name = backupFileName(new Date());
  const out = options.out ? resolve(options.out) : join(backupDir(dataDir), name);
  const target = existsSync(out) && statSync(out).isDirectory() ? join(out, name) : out;
  if (existsSync(target))
    throw new Refusal(`${target} exists already. Nothing was written: name another --out file.`);
  const made = await backupDataFolder(dataDir, target, findAppRoot());
  console.log(`Backed up ${dataDir} to ${made.file} (${megabytes(made.bytes)}, checked with quick_check).`);
}, [BackupError]);
