import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { config } from '../config';

/** The folder the local stand-ins keep their state in (`.local/` under `npm start`). */
export function localStateDir(...parts: string[]): string {
  const root = config().HELPDESK_LOCAL_DIR;
  if (!root) throw new Error('HELPDESK_LOCAL_DIR is not set: local adapters run only inside the local runtime');
  const dir = path.join(root, ...parts);
  mkdirSync(dir, { recursive: true });
  return dir;
}

export function readJson<T>(file: string, fallback: T): T {
  return existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as T) : fallback;
}

/** Write-then-rename, so a crash never leaves half a file. */
export function writeJson(file: string, value: unknown): void {
  const temp = `${file}.${process.pid}.tmp`;
  writeFileSync(temp, JSON.stringify(value));
  renameSync(temp, file);
}
