import type { MailPreference } from '../../../schemas/notifications';
import { type Caller, isStaff } from '../caller';
import { ForbiddenError, NotFoundError } from '../errors';
import type { Deps } from '../store/store';

/**
 * An agent's own choice of mail notifications, kept on their directory entry.
 * @throws ForbiddenError for customers; NotFoundError when the caller has no directory entry.
 */
export async function setMyMailNotifications(deps: Deps, caller: Caller, mailNotifications: MailPreference): Promise<MailPreference> {
  if (!isStaff(caller)) throw new ForbiddenError('only staff have mail notifications');
  try {
    await deps.store.entities.user
      .patch({ orgId: caller.orgId, userId: caller.userId })
      .set({ mailNotifications, updatedAt: deps.now().toISOString() })
      .go();
  } catch (error) {
    if (/conditional request failed|ConditionalCheckFailed/i.test(String((error as Error).message))) throw new NotFoundError('user', caller.userId);
    throw error;
  }
  return mailNotifications;
}
