import path from 'node:path';

const cache = new Map<string, Promise<(...args: any[]) => Promise<any>>>();

/** The `handler` export of a function entry from a manifest, imported once, as Lambda would. */
export function loadHandler<H = (event: any, context: any) => Promise<any>>(rootDir: string, entry: string): Promise<H> {
  const file = path.resolve(rootDir, entry);
  if (!cache.has(file)) cache.set(file, import(file).then((module) => module.handler));
  return cache.get(file)! as Promise<H>;
}
