import { execFileSync } from 'node:child_process';
import { existsSync, lstatSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

// The project's documents live in docs/ (docs/ENGINE.md, docs/SYNC.md, docs/ARCHITECTURE.md). Nothing
// tracked may cite a document kept outside the repository, and every docs/ page that is named must
// exist. The outside names are built from pieces so that this file does not trip over itself.

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');

const MD = '.' + 'md';
/**
 * The documents the project was specified in. The engine contract and the sync design now live in
 * docs/ under the same names, so a bare mention of them (the shipped migrations' first comments, which
 * are checksummed and never edited) names the page in docs/; any other of these names points outside.
 */
const OUTSIDE_DOCUMENTS = ['ENGINE', 'SYNC', 'PRODUCT', 'STYLE']
  .map((name) => name + MD)
  .filter((name) => !existsSync(join(root, 'docs', name)));
const UP = '..' + '/';
const SHARED = 'shared' + '/';

const BINARY = /\.(png|jpe?g|gif|ico|icns|webp|woff2?|ttf|otf|pdf|zip|gz|node|wasm|sqlite|db)$/i;

function trackedTextFiles(): { path: string; text: string }[] {
  const listed = execFileSync('git', ['ls-files', '-z'], { cwd: root, encoding: 'utf8' })
    .split('\0')
    .filter((path) => path.length > 0 && !BINARY.test(path));
  const files: { path: string; text: string }[] = [];
  for (const path of listed) {
    const full = join(root, path);
    if (!existsSync(full) || !lstatSync(full).isFile()) continue;
    const text = readFileSync(full, 'utf8');
    if (!text.includes('\0')) files.push({ path, text });
  }
  return files;
}

/** Names of documents that live outside the repository, as "path:line: name". */
export function outsideDocumentNames(path: string, text: string): string[] {
  const found: string[] = [];
  text.split('\n').forEach((line, index) => {
    for (const name of OUTSIDE_DOCUMENTS) {
      if (line.includes(name)) found.push(`${path}:${index + 1}: ${name}`);
    }
  });
  return found;
}

/**
 * Relative paths to a `shared/` folder that resolve outside the repository, such as a README at the
 * top citing the folder beside the checkout. `../../shared/…` from src-main/services/ is the
 * repository's own shared/ and passes.
 */
export function sharedOutsideRepo(path: string, text: string): string[] {
  const found: string[] = [];
  const pattern = new RegExp(`((?:\\.\\./)+)${SHARED}`, 'g');
  text.split('\n').forEach((line, index) => {
    for (const match of line.matchAll(pattern)) {
      const ups = (match[1] ?? '').length / UP.length;
      const target = resolve(root, dirname(path), ...(Array(ups).fill('..') as string[]), 'shared');
      if (relative(root, target).startsWith('..')) found.push(`${path}:${index + 1}: ${match[0]}`);
    }
  });
  return found;
}

/** Every `docs/<name>.md` named in the text, as repository paths. */
export function namedDocs(text: string): string[] {
  const pattern = new RegExp(`docs/([A-Za-z0-9_-]+(?:/[A-Za-z0-9_-]+)*)\\${MD}`, 'g');
  return [...text.matchAll(pattern)].map((match) => `docs/${match[1]}${MD}`);
}

/** GitHub's heading anchor: lower case, punctuation dropped, each space a hyphen. */
export function anchorOf(heading: string): string {
  return heading
    .trim()
    .toLowerCase()
    .replace(/[^\p{L}\p{N} _-]/gu, '')
    .replace(/ /g, '-');
}

function anchorsOf(markdown: string): Set<string> {
  const anchors = new Set<string>();
  let fenced = false;
  for (const line of markdown.split('\n')) {
    if (line.startsWith('```')) fenced = !fenced;
    const heading = fenced ? null : /^#{1,6} (.+)$/.exec(line);
    if (heading?.[1]) anchors.add(anchorOf(heading[1]));
  }
  return anchors;
}

/** Relative Markdown links (`[text](target#anchor)`) that point at a missing file or heading. */
function brokenLinks(path: string, text: string): string[] {
  const broken: string[] = [];
  for (const match of text.matchAll(/\]\(([^)\s]+)\)/g)) {
    const target = match[1] ?? '';
    if (/^[a-z]+:/i.test(target)) continue;
    const [file = '', anchor] = target.split('#');
    const full = file === '' ? join(root, path) : resolve(root, dirname(path), file);
    if (!existsSync(full)) {
      broken.push(`${path}: ${target} (no such file)`);
      continue;
    }
    if (anchor && full.endsWith(MD) && !anchorsOf(readFileSync(full, 'utf8')).has(anchor)) {
      broken.push(`${path}: ${target} (no such heading)`);
    }
  }
  return broken;
}

const files = trackedTextFiles();

describe('docs references', () => {
  it('reads the tracked files', () => {
    expect(files.length).toBeGreaterThan(100);
    expect(files.some((f) => f.path === 'docs/ENGINE.md')).toBe(true);
  });

  it('finds what it looks for', () => {
    expect(outsideDocumentNames('x.ts', `// see ${OUTSIDE_DOCUMENTS[0] ?? ''} rule 7`)).toHaveLength(1);
    expect(sharedOutsideRepo('README.md', `[style](${UP}${SHARED}x${MD})`)).toHaveLength(1);
    expect(sharedOutsideRepo('src-main/services/a.ts', `from '${UP}${UP}${SHARED}result'`)).toEqual([]);
    expect(sharedOutsideRepo('src-main/services/a.ts', `'${UP}${UP}${UP}${SHARED}x'`)).toHaveLength(1);
    expect(namedDocs('see docs/ENGINE.md rule 7 and ../../docs/SYNC.md')).toEqual([
      'docs/ENGINE.md',
      'docs/SYNC.md',
    ]);
    expect(anchorOf('Rule 7 — multi_buy')).toBe('rule-7--multi_buy');
    expect(anchorOf("The terminal's write path")).toBe('the-terminals-write-path');
  });

  it('names no document kept outside the repository', () => {
    expect(OUTSIDE_DOCUMENTS).toEqual(['PRODUCT' + MD, 'STYLE' + MD]);
    const found = files.flatMap((f) => outsideDocumentNames(f.path, f.text));
    expect(found).toEqual([]);
  });

  it('points at no shared/ folder outside the repository', () => {
    expect(files.flatMap((f) => sharedOutsideRepo(f.path, f.text))).toEqual([]);
  });

  it('names only docs/ pages that exist', () => {
    const missing = files.flatMap((f) =>
      namedDocs(f.text)
        .filter((doc) => !existsSync(join(root, doc)))
        .map((doc) => `${f.path}: ${doc}`),
    );
    expect(missing).toEqual([]);
  });

  it('links only to files and headings that exist from the Markdown pages', () => {
    const pages = files.filter((f) => f.path.endsWith(MD));
    expect(pages.flatMap((f) => brokenLinks(f.path, f.text))).toEqual([]);
  });
});
