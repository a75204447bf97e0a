import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const DOMAIN = path.resolve(__dirname, '../../../functions/domain');

function importsOf(folder: string): { file: string; from: string }[] {
  return readdirSync(path.join(DOMAIN, folder), { recursive: true, encoding: 'utf8' })
    .filter((file) => file.endsWith('.ts'))
    .flatMap((file) => [...readFileSync(path.join(DOMAIN, folder, file), 'utf8').matchAll(/from '([^']+)'/g)]
      .map((match) => ({ file: path.join(folder, file), from: path.normalize(path.join(folder, path.dirname(file), match[1])) })));
}

describe('domain dependency direction', () => {
  it('tickets use SLA policies; SLA policies and the SLA clock know nothing of tickets', () => {
    for (const folder of ['sla-policies', 'sla']) {
      expect(importsOf(folder).filter(({ from }) => from.startsWith('tickets')), folder).toEqual([]);
    }
    expect(importsOf('tickets').some(({ from }) => from.startsWith('sla-policies'))).toBe(true);
  });
});
