import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import path from 'node:path';

/** A folder under the runtime's data folder (`.local/` under `npm start`), made if missing. */
export function localStateDir(dataDir: string, ...parts: string[]): string {
  const dir = path.join(dataDir, ...parts);
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
