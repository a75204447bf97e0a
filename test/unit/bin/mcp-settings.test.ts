import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { readSettings } from '../../../bin/mcp/settings';

const dir = mkdtempSync(path.join(tmpdir(), 'mcp-settings-'));
writeFileSync(path.join(dir, 'runtime.json'), JSON.stringify({ httpUrl: 'http://127.0.0.1:3000', tokens: { agent: 'A', customer: 'C' } }));

describe('helpdesk-mcp settings', () => {
  it('prefers flags, then the environment, then runtime.json', () => {
    expect(readSettings(['--url', 'https://api.example', '--token', 'T'], { HELPDESK_URL: 'x', HELPDESK_TOKEN: 'y' }, dir))
      .toMatchObject({ apiUrl: 'https://api.example', token: 'T', source: 'flags' });
    expect(readSettings([], { HELPDESK_URL: 'https://env.example', HELPDESK_TOKEN: 'E' }, dir)).toMatchObject({ apiUrl: 'https://env.example', token: 'E' });
    expect(readSettings([], { HELPDESK_LOCAL_DIR: dir }, '/nowhere')).toMatchObject({ apiUrl: 'http://127.0.0.1:3000', token: 'A' });
    expect(readSettings(['--role', 'customer'], { HELPDESK_URL: '', HELPDESK_LOCAL_DIR: dir }, '/nowhere')).toMatchObject({ token: 'C' });
  });

  it('says what is missing', () => {
    expect(() => readSettings([], {}, '/nowhere')).toThrow(/Usage: npx helpdesk-mcp/);
    expect(() => readSettings(['--role', 'root'], { HELPDESK_LOCAL_DIR: dir }, '/nowhere')).toThrow(/no token for role root/);
    expect(() => readSettings(['--bogus'], {}, dir)).toThrow();
  });
});
