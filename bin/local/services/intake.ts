import { putWebForm, webFormOf } from '../../../functions/domain/intake/web-forms';
import { DEMO_ORG, OTHER_ORG } from '../seed';
import type { LocalService } from './service';

export const DEMO_SLUG = 'demo';
export const OTHER_SLUG = 'other';

/**
 * The public form of the seeded organizations (slugs `demo` and `other`), made once: a later
 * change through PUT /v1/web-form survives restarts. No stand-in is needed beyond that: the
 * CAPTCHA is off locally and the form's routes are ordinary gateway routes.
 */
export const intakeService: LocalService = {
  name: 'intake',
  start: async (ctx) => {
    const { deps } = ctx.runtime;
    for (const [org, slug] of [[DEMO_ORG, DEMO_SLUG], [OTHER_ORG, OTHER_SLUG]] as const) {
      if (!(await webFormOf(deps, org.orgId))) await putWebForm(deps, org.orgId, { slug, brandName: org.name });
    }
    const embedUrl = `${ctx.httpUrl}/embed/tickets.js`;
    return {
      contract: { orgSlug: DEMO_SLUG, otherOrgSlug: OTHER_SLUG, embedUrl, mcpUrl: `${ctx.httpUrl}/v1/mcp` },
      banner: [
        `Web form    <script src="${embedUrl}" data-org="${DEMO_SLUG}"></script>  (GET ${ctx.httpUrl}/v1/public/orgs/${DEMO_SLUG}/form)`,
        `MCP         ${ctx.httpUrl}/v1/mcp (Streamable HTTP, bearer token) or: npx helpdesk-mcp`,
      ],
      stop: async () => undefined,
    };
  },
};
