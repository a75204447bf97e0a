/**
 * Why a webhook event that is not a customer message stays one: said in the worker's log line and
 * kept with the record, so an acknowledged-and-ignored delivery is never a mystery. Fields not
 * listed are named as such ("not a customer message").
 */
const REASONS: Record<string, string> = {
  message_echo: 'our own send, echoed back by Instagram',
  smb_message_echoes: 'a message the business sent from the WhatsApp Business app',
  history: 'past chats synced from the WhatsApp Business app',
  smb_app_state_sync: 'contacts synced from the WhatsApp Business app',
  account_update: 'a WhatsApp Business Account change, not a conversation',
  account_review_update: 'a WhatsApp Business Account review decision',
  account_alerts: 'a WhatsApp Business Account alert',
  business_capability_update: 'a change of the business\'s messaging limits',
  message_template_status_update: 'a template review decision',
  message_template_quality_update: 'a template quality change',
  message_template_components_update: 'a template edit',
  template_category_update: 'a template category change',
  phone_number_quality_update: 'a phone number quality or limit change',
  phone_number_name_update: 'a display name review decision',
  security: 'a phone number security notice',
  calls: 'a WhatsApp call event; calls are not taken here',
  user_preferences: 'a customer\'s marketing preference',
  messaging: 'an item naming no customer',
  message: 'a message without its id',
  messages: 'a part of a messages change that is neither a message nor a status (an error, or one without its id)',
  read: 'a read receipt without a message id',
  referral: 'a link or ad opened in an existing thread, no words from the customer',
  optin: 'a customer opting in to notifications',
  pass_thread_control: 'a handover between apps',
  take_thread_control: 'a handover between apps',
  request_thread_control: 'a handover between apps',
  policy_enforcement: 'a Meta policy notice',
  comments: 'a comment on a post, not a direct message',
  live_comments: 'a comment on a live video, not a direct message',
  mentions: 'a mention in a post or comment, not a direct message',
  story_insights: 'story statistics',
};

export function ignoredBecause(field: string): string {
  return REASONS[field] ?? `${field} is not a customer message`;
}
