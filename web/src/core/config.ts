/** What the host tells the app at run time: `config.json` beside index.html (never bundled). */
export interface LocalAuth {
  kind: 'local';
  /** A list of the seeded users with their tokens: served by the local runtime only. */
  usersUrl: string;
}

export interface CognitoAuth {
  kind: 'cognito';
  /** The hosted UI's base URL, e.g. https://helpdesk-123.auth.eu-west-1.amazoncognito.com */
  domain: string;
  clientId: string;
  /** Where Cognito sends the code back; defaults to this page's origin and path. */
  redirectUri?: string;
  scopes?: string[];
}

export interface AppConfig {
  apiUrl: string;
  wsUrl: string;
  auth: LocalAuth | CognitoAuth;
}

export async function loadConfig(): Promise<AppConfig> {
  const res = await fetch('./config.json', { cache: 'no-store' });
  if (!res.ok) throw new Error(`config.json could not be read (${res.status})`);
  const config = (await res.json()) as AppConfig;
  if (!config.apiUrl || !config.wsUrl || !config.auth) throw new Error('config.json lacks apiUrl, wsUrl or auth');
  return { ...config, apiUrl: config.apiUrl.replace(/\/+$/, '') };
}
