import { render } from 'preact';
import './styles.css';
import { App } from './app';
import { cognitoSignOutUrl, finishCognitoSignIn, startCognitoSignIn } from './auth/cognito';
import { LocalSignIn } from './auth/local-sign-in';
import { type Session, clearSession, isStaffRole, storeSession, storedSession } from './auth/session';
import { Api, describeError } from './core/api';
import { AppContext, type AppServices } from './core/app-context';
import { Capabilities } from './core/capabilities';
import { type AppConfig, loadConfig } from './core/config';
import { Realtime } from './core/realtime';
import type { UserView } from './core/types';

const root = document.getElementById('app')!;

async function boot() {
  let config: AppConfig;
  try {
    config = await loadConfig();
  } catch (error) {
    root.innerHTML = '';
    render(<main class="sign-in"><p role="alert">Helpdesk cannot start: {describeError(error)}</p></main>, root);
    return;
  }
  let session = storedSession();
  if (!session && config.auth.kind === 'cognito') {
    try {
      const token = await finishCognitoSignIn(config.auth);
      if (token) session = storeSession(token);
      else await startCognitoSignIn(config.auth);
    } catch (error) {
      return renderSignIn(config, describeError(error));
    }
  }
  if (!session) return renderSignIn(config);
  await start(config, session);
}

function renderSignIn(config: AppConfig, error?: string) {
  root.innerHTML = '';
  if (config.auth.kind === 'cognito') {
    const auth = config.auth;
    render(<main class="sign-in"><div class="sign-in-card"><h1>Sign in</h1>{error && <p role="alert">{error}</p>}<button class="button primary" type="button" onClick={() => void startCognitoSignIn(auth)}>Sign in</button></div></main>, root);
    return;
  }
  render(<LocalSignIn usersUrl={config.auth.usersUrl} error={error} onToken={(token) => {
    try {
      const session = storeSession(token);
      render(null, root);
      void start(config, session);
    } catch (e) {
      renderSignIn(config, describeError(e));
    }
  }} />, root);
}

async function start(config: AppConfig, session: Session) {
  const signOut = () => {
    clearSession();
    realtime.close();
    if (config.auth.kind === 'cognito') location.assign(cognitoSignOutUrl(config.auth));
    else {
      render(null, root);
      location.hash = '';
      renderSignIn(config);
    }
  };
  const api = new Api(config.apiUrl, () => session.token, () => {
    clearSession();
    renderSignIn(config, 'Your session has expired; sign in again.');
  });
  const realtime = new Realtime(config.wsUrl, () => session.token);
  realtime.connect();
  const [caps, users] = await Promise.all([
    Capabilities.load(config.apiUrl),
    isStaffRole(session.role) ? api.get<{ items: UserView[] }>('/v1/users').then((r) => r.items, () => []) : Promise.resolve([] as UserView[]),
  ]);
  const services: AppServices = { config, session, api, realtime, caps, users, signOut };
  root.innerHTML = '';
  render(<AppContext.Provider value={services}><App /></AppContext.Provider>, root);
}

void boot();
