import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, inject, it } from 'vitest';

const root = path.resolve(import.meta.dirname, '../..');

/** The first bash block under a README heading, as a reader would copy it. */
function bashBlockUnder(heading: string): string {
  const readme = readFileSync(path.join(root, 'README.md'), 'utf8');
  const section = readme.slice(readme.indexOf(`## ${heading}\n`));
  const match = /```bash\n([\s\S]*?)```/.exec(section);
  if (!match) throw new Error(`no bash block under "${heading}"`);
  return match[1];
}

describe('the README walk-through', () => {
  it('pastes and runs as written against npm start', () => {
    const runtime = inject('runtime');
    const script = bashBlockUnder('A walk through the API');
    const run = spawnSync('bash', ['-c', `set -eo pipefail\n${script}`], {
      cwd: root, env: { ...process.env, HELPDESK_LOCAL_DIR: runtime.dataDir }, encoding: 'utf8', timeout: 60_000,
    });
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    const out = run.stdout;
    const statuses = [...out.matchAll(/HTTP\/1\.1 (\d{3})/g)].map((m) => Number(m[1]));
    expect(statuses).toEqual([201, 200, 201, 200]);
    expect(out).not.toContain('https://helpdesk.dev/problems/');
    expect(out).toContain('"status":"resolved"');
    expect(out).toContain('"number":"TKT-');
    expect(out).toMatch(/"results":\[\{"ticketId":"[0-9A-Z]{26}","status":200/);
  });
});
