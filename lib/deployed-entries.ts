import path from 'node:path';
import type { BuildOptions } from 'esbuild';
import { type OptionalPort, bundleDefinesFor, portsOf } from '../functions/bundled-ports';
import { EVENT_RULES } from '../functions/manifest/event-rules';
import { WS_ROUTES } from '../functions/manifest/features/realtime';
import { DEPLOYED_GROUPS } from '../functions/manifest/http-routes';
import { QUEUES } from '../functions/manifest/queues';
import { SCHEDULES } from '../functions/manifest/schedules';
import type { HttpGroupSpec, QueueSpec } from '../functions/manifest/spec';
import { ENRICHMENT_ENTRY } from './constructs/event-bus';
import { BUNDLE_ALIASES, HANDLER_BUNDLING, PROJECT_ROOT } from './constructs/handler-function';

/** One deployed function: a name for reports, its handler file (relative to the repository root), the ports it bundles. */
export interface DeployedEntry {
  name: string;
  entry: string;
  ports: OptionalPort[];
}

/**
 * Every handler file the stack deploys, from the same manifests the stack reads: HTTP groups
 * (not the local-only ones), bus rule targets, queue consumers, WebSocket routes, the timer
 * target and the pipe's enrichment. Used to inspect the bundles (size, module init, no local code).
 */
export function deployedEntries(): DeployedEntry[] {
  const entries: DeployedEntry[] = [
    ...Object.entries(DEPLOYED_GROUPS as Record<string, HttpGroupSpec>)
      .map(([group, spec]) => ({ name: `http ${group}`, entry: spec.entry, ports: portsOf(spec.needs) })),
    ...EVENT_RULES.flatMap((rule) => (rule.target.kind === 'function'
      ? [{ name: `rule ${rule.name}`, entry: rule.target.entry, ports: portsOf(rule.target.needs) }] : [])),
    ...Object.entries(QUEUES as Record<string, QueueSpec>)
      .map(([name, spec]) => ({ name: `queue ${name}`, entry: spec.consumerEntry, ports: portsOf(spec.needs) })),
    ...WS_ROUTES.map((route) => ({
      name: `ws ${route.routeKey}`, entry: route.entry,
      ports: portsOf('needs' in route ? route.needs : [], route.routeKey === '$connect' ? ['tokens'] : []),
    })),
    { name: 'timer target', entry: SCHEDULES.target.entry, ports: portsOf(SCHEDULES.target.needs) },
    { name: 'pipe enrichment', entry: ENRICHMENT_ENTRY, ports: [] },
  ];
  const seen = new Set<string>();
  return entries.filter((e) => !seen.has(e.entry) && seen.add(e.entry));
}

/** The esbuild options the stack's NodejsFunction bundling amounts to, for inspecting bundles outside a synth. */
export function esbuildOptionsOf({ entry, ports }: Pick<DeployedEntry, 'entry' | 'ports'>): BuildOptions {
  return {
    entryPoints: [entry],
    define: { ...HANDLER_BUNDLING.define, ...bundleDefinesFor(ports) },
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: HANDLER_BUNDLING.target,
    mainFields: HANDLER_BUNDLING.mainFields,
    banner: { js: HANDLER_BUNDLING.banner ?? '' },
    minify: HANDLER_BUNDLING.minify,
    keepNames: HANDLER_BUNDLING.keepNames,
    external: [...(HANDLER_BUNDLING.externalModules ?? [])],
    alias: Object.fromEntries(Object.entries(BUNDLE_ALIASES).map(([from, to]) => [from, path.resolve(PROJECT_ROOT, to)])),
    logLevel: 'silent',
  };
}
