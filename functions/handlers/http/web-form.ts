import { NotFoundError } from '../../domain/errors';
import type { WebForm } from '../../domain/intake/intake.entities';
import { putWebForm, webFormOf } from '../../domain/intake/web-forms';
import { INTAKE_ROUTES } from '../../manifest/features/intake';
import { routeGroup } from '../kit/http-route';
import { publicBaseUrl } from './public-base-url';

const view = (form: WebForm, base: string) => ({
  slug: form.slug,
  brandName: form.brandName,
  colour: form.colour,
  perEmailPerHour: form.perEmailPerHour,
  perIpPerHour: form.perIpPerHour,
  enabled: form.enabled,
  formUrl: `${base}/v1/public/orgs/${form.slug}/form`,
  embedSnippet: `<script src="${base}/embed/tickets.js" data-org="${form.slug}" async></script>`,
});

/** Admins give their organization its public form (slug, branding, limits). */
export const handler = routeGroup('web-form', INTAKE_ROUTES, {
  getWebFormSettings: async ({ caller, event }, { deps, config }) => {
    const form = await webFormOf(deps, caller.orgId);
    if (!form) throw new NotFoundError('web form of', caller.orgId);
    return { status: 200, body: view(form, publicBaseUrl(config, event)) };
  },
  putWebFormSettings: async ({ caller, body, event }, { deps, config }) => {
    const form = await putWebForm(deps, caller.orgId, body);
    return { status: 200, body: view(form, publicBaseUrl(config, event)) };
  },
});
