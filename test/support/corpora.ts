import { existsSync } from 'node:fs';
import path from 'node:path';
import { describe, it } from 'vitest';

/**
 * The shared corpora (real payloads: mails, AWS events, reply fixtures) live beside the
 * repository, read-only and shared by every checkout: `../shared/corpora` from the repo root,
 * or wherever HELPDESK_CORPORA_DIR points (relative to the repo root, or absolute). Without
 * them the tests that read them skip, saying where to put them; CI (`.ci/run`) refuses to run
 * without them, so there they always run.
 */
export const CORPORA_ENV = 'HELPDESK_CORPORA_DIR';
const REPO_ROOT = path.resolve(__dirname, '../..');
export const CORPORA_DIR = path.resolve(REPO_ROOT, process.env[CORPORA_ENV] || '../shared/corpora');
export const corporaPresent = existsSync(CORPORA_DIR);
export const CORPORA_MISSING = `skipped: no shared corpora at ${CORPORA_DIR}; put them there or set ${CORPORA_ENV} to their folder`;

if (!corporaPresent) console.warn(CORPORA_MISSING);

/** A path inside the corpora. */
export const corpusPath = (...parts: string[]) => path.join(CORPORA_DIR, ...parts);

/**
 * A suite that reads the corpora. Without them it is skipped and its body never runs, so
 * the files it reads while collecting its tests are not touched.
 */
export function describeWithCorpora(name: string, body: () => void): void {
  describe.skipIf(!corporaPresent)(corporaPresent ? name : `${name} (${CORPORA_MISSING})`, corporaPresent ? body : () => {
    it('reads the shared corpora', () => undefined);
  });
}

/** A test that reads the corpora: skipped without them. */
export const itWithCorpora = it.skipIf(!corporaPresent);
