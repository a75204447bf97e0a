import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';

export interface McpSettings {
  apiUrl: string;
  token: string;
  /** Where the settings came from, for the start-up line on stderr. */
  source: string;
}

const USAGE = `Usage: npx helpdesk-mcp [--url <api url>] [--token <bearer token>] [--role <role in runtime.json>] [--runtime <runtime.json>]
Without flags: HELPDESK_URL and HELPDESK_TOKEN, else the local runtime's .local/runtime.json (role: HELPDESK_ROLE, default agent).`;

/**
 * The API address and token, from (in order) flags, environment, or the local runtime's
 * contract file, so `npm start` in one terminal and `npx helpdesk-mcp` in another just work.
 * @throws Error with the usage text when nothing names an API and a token.
 */
export function readSettings(argv: string[], env: NodeJS.ProcessEnv, cwd: string): McpSettings {
  const { values } = parseArgs({
    args: argv,
    options: { url: { type: 'string' }, token: { type: 'string' }, role: { type: 'string' }, runtime: { type: 'string' }, help: { type: 'boolean' } },
    strict: true,
  });
  if (values.help) throw new Error(USAGE);
  // Empty strings count as unset, as shells pass them.
  let apiUrl = values.url || env.HELPDESK_URL || undefined;
  let token = values.token || env.HELPDESK_TOKEN || undefined;
  let source = values.url || values.token ? 'flags' : 'environment';
  if (!apiUrl || !token) {
    const file = values.runtime || (env.HELPDESK_LOCAL_DIR ? path.join(env.HELPDESK_LOCAL_DIR, 'runtime.json') : path.join(cwd, '.local', 'runtime.json'));
    if (!existsSync(file)) throw new Error(`no API given and no ${file}\n${USAGE}`);
    const contract = JSON.parse(readFileSync(file, 'utf8')) as { httpUrl: string; tokens: Record<string, string> };
    const role = values.role || env.HELPDESK_ROLE || 'agent';
    apiUrl ??= contract.httpUrl;
    token ??= contract.tokens[role];
    if (!token) throw new Error(`${file} has no token for role ${role} (it has ${Object.keys(contract.tokens).join(', ')})`);
    source = `${file} (${role})`;
  }
  return { apiUrl, token, source };
}
