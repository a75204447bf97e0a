import { DESCRIPTION_MAX, MAX_ATTACHMENTS, SUBJECT_MAX, type WebFormConfig } from '../../../schemas/intake';
import type { Deps } from '../store/store';
import type { CaptchaVerifier } from './captcha';
import { publicCategoriesOf, publicCustomFieldsOf } from './form-catalog';
import { webFormBySlug } from './web-forms';

/**
 * What the embeddable form needs to render itself: branding, categories, the visible custom
 * fields, the limits it should enforce before posting, and the CAPTCHA widget to show.
 * @throws NotFoundError for an unknown slug.
 */
export async function formConfigOf(deps: Deps, slug: string, captcha?: CaptchaVerifier): Promise<WebFormConfig> {
  const form = await webFormBySlug(deps, slug);
  const [categories, customFields] = await Promise.all([publicCategoriesOf(deps, form.orgId), publicCustomFieldsOf(deps, form.orgId)]);
  return {
    org: { slug: form.slug, name: form.brandName },
    branding: { name: form.brandName, colour: form.colour },
    categories,
    customFields,
    limits: {
      subjectMaxLength: SUBJECT_MAX,
      descriptionMaxLength: DESCRIPTION_MAX,
      maxAttachments: MAX_ATTACHMENTS,
      perEmailPerHour: form.perEmailPerHour,
      perIpPerHour: form.perIpPerHour,
    },
    captcha: captcha ? { provider: captcha.provider, siteKey: captcha.siteKey } : null,
  };
}
