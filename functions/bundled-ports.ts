import type { Capability } from './manifest/spec';

/**
 * Ports whose AWS adapter (and SDK client) a deployed bundle carries only when the function
 * needs it. The stack bundles each function with `globalThis.HELPDESK_WITHOUT_<PORT>` defined as
 * `true` for the ports it lacks, which lets esbuild drop those adapters and their clients
 * (functions/runtime.ts spells each flag out where it builds the adapter). Outside a bundle the
 * flags are undefined and every adapter is there.
 */
export type OptionalPort = 'queues' | 'timers' | 'mail' | 'objects' | 'tokens' | 'connections' | 'attachments' | 'links' | 'secrets' | 'assist' | 'captcha';

export const BUNDLE_FLAGS: Record<OptionalPort, string> = {
  queues: 'globalThis.HELPDESK_WITHOUT_QUEUES',
  timers: 'globalThis.HELPDESK_WITHOUT_TIMERS',
  mail: 'globalThis.HELPDESK_WITHOUT_MAIL',
  objects: 'globalThis.HELPDESK_WITHOUT_OBJECTS',
  tokens: 'globalThis.HELPDESK_WITHOUT_TOKENS',
  connections: 'globalThis.HELPDESK_WITHOUT_CONNECTIONS',
  attachments: 'globalThis.HELPDESK_WITHOUT_ATTACHMENTS',
  secrets: 'globalThis.HELPDESK_WITHOUT_SECRETS',
  links: 'globalThis.HELPDESK_WITHOUT_LINKS',
  assist: 'globalThis.HELPDESK_WITHOUT_ASSIST',
  captcha: 'globalThis.HELPDESK_WITHOUT_CAPTCHA',
};

/** The capability of the manifest that brings each optional port (tokens: the WebSocket `$connect` only). */
const PORT_OF_CAPABILITY: Partial<Record<Capability, OptionalPort>> = {
  queues: 'queues',
  scheduler: 'timers',
  'mail-send': 'mail',
  'mail-bucket': 'objects',
  'websocket-post': 'connections',
  attachments: 'attachments',
  'link-signing': 'links',
  'meta-secrets': 'secrets',
  bedrock: 'assist',
  captcha: 'captcha',
};

/** The optional ports a function with these needs uses (plus any named explicitly). */
export function portsOf(needs: readonly Capability[] = [], extra: readonly OptionalPort[] = []): OptionalPort[] {
  return [...new Set([...needs.flatMap((need) => PORT_OF_CAPABILITY[need] ?? []), ...extra])];
}

/** esbuild `define`s that leave the other ports' adapters out of a bundle. */
export function bundleDefinesFor(ports: readonly OptionalPort[]): Record<string, string> {
  return Object.fromEntries(
    (Object.keys(BUNDLE_FLAGS) as OptionalPort[]).filter((port) => !ports.includes(port)).map((port) => [BUNDLE_FLAGS[port], 'true']),
  );
}

declare global {
  /* eslint-disable no-var */
  var HELPDESK_WITHOUT_QUEUES: boolean | undefined;
  var HELPDESK_WITHOUT_TIMERS: boolean | undefined;
  var HELPDESK_WITHOUT_MAIL: boolean | undefined;
  var HELPDESK_WITHOUT_OBJECTS: boolean | undefined;
  var HELPDESK_WITHOUT_TOKENS: boolean | undefined;
  var HELPDESK_WITHOUT_CONNECTIONS: boolean | undefined;
  var HELPDESK_WITHOUT_ATTACHMENTS: boolean | undefined;
  var HELPDESK_WITHOUT_SECRETS: boolean | undefined;
  var HELPDESK_WITHOUT_LINKS: boolean | undefined;
  var HELPDESK_WITHOUT_ASSIST: boolean | undefined;
  var HELPDESK_WITHOUT_CAPTCHA: boolean | undefined;
}
