import { EMBED_SCRIPT } from './embed-script';
import { INTAKE_ROUTES } from '../../manifest/features/intake';
import { routeGroup } from '../kit/http-route';

const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/** The page a tracking link opens: the embed script in tracking mode, and nothing else to load. */
function trackingPage(token: string): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="no-referrer">
<meta name="robots" content="noindex">
<link rel="icon" href="data:,">
<title>Your support request</title>
</head>
<body style="margin:2rem auto;max-width:40rem;padding:0 1rem;font-family:system-ui,sans-serif">
<main>
<h1 style="font-size:1.4rem">Your support request</h1>
<script src="/embed/tickets.js" data-track="${escapeHtml(token)}"></script>
</main>
</body>
</html>
`;
}

export const handler = routeGroup('embed', INTAKE_ROUTES, {
  getEmbedScript: async () => ({
    status: 200,
    raw: EMBED_SCRIPT,
    headers: {
      'content-type': 'application/javascript; charset=utf-8',
      'cache-control': 'public, max-age=300',
      'x-content-type-options': 'nosniff',
      // Any page may load it: it is the form a customer embeds on their own site.
      'cross-origin-resource-policy': 'cross-origin',
    },
  }),

  getTrackingPage: async ({ params }) => ({
    status: 200,
    raw: trackingPage(params.token),
    headers: {
      'content-type': 'text/html; charset=utf-8',
      'cache-control': 'no-store',
      'referrer-policy': 'no-referrer',
      'x-content-type-options': 'nosniff',
      'x-frame-options': 'DENY',
      'content-security-policy': "default-src 'none'; script-src 'self'; connect-src 'self'; style-src 'unsafe-inline'; img-src 'self' data:; frame-ancestors 'none'; base-uri 'none'; form-action 'none'",
    },
  }),
});
