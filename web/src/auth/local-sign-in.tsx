import { useEffect, useState } from 'preact/hooks';
import { EmptyState, Notice } from '../ui/notice';
import { Avatar } from '../ui/badges';

interface LocalUser {
  key: string;
  name: string;
  email: string;
  role: string;
  orgId: string;
  token: string;
}

/**
 * Local runtime only: the seeded users, each signing in with the token the runtime minted.
 * In AWS this page never shows; the Cognito hosted UI signs people in.
 */
export function LocalSignIn({ usersUrl, onToken, error }: { usersUrl: string; onToken: (token: string) => void; error?: string }) {
  const [users, setUsers] = useState<LocalUser[]>();
  const [failure, setFailure] = useState<string>();
  useEffect(() => {
    fetch(usersUrl).then((r) => (r.ok ? r.json() : Promise.reject(new Error(`${r.status}`)))).then((b: { users: LocalUser[] }) => setUsers(b.users), (e: Error) => setFailure(`the local user list could not be read (${e.message})`));
  }, [usersUrl]);
  const orgs = [...new Set((users ?? []).map((u) => u.orgId))];
  return (
    <main class="sign-in" aria-labelledby="sign-in-title">
      <div class="sign-in-card">
        <p class="brand"><span class="logo" aria-hidden="true" />Helpdesk</p>
        <h1 id="sign-in-title">Sign in</h1>
        <p class="muted">Local runtime: pick a seeded user. Agents get the console, customers the portal.</p>
        {error && <Notice tone="error">{error}</Notice>}
        {failure && <Notice tone="error">{failure}</Notice>}
        {users?.length === 0 && <EmptyState title="No seeded users" />}
        {orgs.map((org) => (
          <section key={org} aria-label={`Organization ${org}`}>
            <h2 class="org">{org}</h2>
            <ul class="user-picker">
              {users!.filter((u) => u.orgId === org).map((u) => (
                <li key={`${org}-${u.key}`}>
                  <button type="button" class="user-choice" data-user={`${org}:${u.key}`} onClick={() => onToken(u.token)}>
                    <Avatar name={u.name} />
                    <span class="who"><strong>{u.name}</strong><span class="muted">{u.email}</span></span>
                    <span class={`badge role-${u.role}`}>{u.role}</span>
                  </button>
                </li>
              ))}
            </ul>
          </section>
        ))}
      </div>
    </main>
  );
}
