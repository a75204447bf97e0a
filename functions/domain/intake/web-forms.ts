import { NotFoundError } from '../errors';
import type { Deps } from '../store/store';
import { SlugTakenError } from './errors';
import type { WebForm } from './intake.entities';

export interface WebFormSettings {
  slug: string;
  brandName: string;
  colour?: string;
  perEmailPerHour?: number;
  perIpPerHour?: number;
  enabled?: boolean;
}

/**
 * Gives the organization its public form under `slug`, or changes it. The slug item is created
 * conditionally in the same transaction as the form, so two organizations can never hold one
 * slug; a changed slug frees the old one in that transaction too. Idempotent for the same slug.
 * @throws SlugTakenError when another organization holds the slug.
 */
export async function putWebForm(deps: Deps, orgId: string, settings: WebFormSettings): Promise<WebForm> {
  const now = deps.now().toISOString();
  const { data: current } = await deps.store.entities.webForm.get({ orgId }).go({ consistent: true });
  const form: WebForm = {
    orgId,
    slug: settings.slug,
    brandName: settings.brandName,
    colour: settings.colour ?? current?.colour ?? '#2456d6',
    perEmailPerHour: settings.perEmailPerHour ?? current?.perEmailPerHour ?? 10,
    perIpPerHour: settings.perIpPerHour ?? current?.perIpPerHour ?? 60,
    enabled: settings.enabled ?? current?.enabled ?? true,
    updatedAt: now,
  };
  const slugChanged = current?.slug !== settings.slug;
  const { canceled } = await deps.store.transaction
    .write(({ orgSlug, webForm }) => [
      webForm.put(form).commit(),
      ...(slugChanged
        ? [
            orgSlug.create({ slug: settings.slug, orgId, createdAt: now }).commit(),
            ...(current ? [orgSlug.delete({ slug: current.slug }).where(({ orgId: owner }, { eq }) => eq(owner, orgId)).commit()] : []),
          ]
        : []),
    ])
    .go();
  if (canceled) {
    const { data: holder } = await deps.store.entities.orgSlug.get({ slug: settings.slug }).go({ consistent: true });
    if (holder && holder.orgId !== orgId) throw new SlugTakenError(settings.slug);
    // The same organization won a race with itself: the state it wanted is there.
    if (!holder) throw new Error(`web form of ${orgId} could not be saved; retry`);
  }
  return form;
}

/**
 * The organization and form behind a public slug.
 * @throws NotFoundError for an unknown slug or a disabled form (the same answer: no probing).
 */
export async function webFormBySlug(deps: Deps, slug: string): Promise<WebForm> {
  const { data: entry } = await deps.store.entities.orgSlug.get({ slug }).go();
  const { data: form } = entry ? await deps.store.entities.webForm.get({ orgId: entry.orgId }).go() : { data: null };
  if (!form || !form.enabled || form.slug !== slug) throw new NotFoundError('organization', slug);
  return form;
}

export async function webFormOf(deps: Deps, orgId: string): Promise<WebForm | null> {
  const { data } = await deps.store.entities.webForm.get({ orgId }).go();
  return data;
}
