/**
 * A hosted language model the assistant may use for an organization that turns it on (Amazon
 * Bedrock in AWS). Every request carries one organization's data only: the caller builds it
 * from that organization's ticket, categories and articles.
 */
export interface HostedAssist {
  /** Picks one of `categories` for a ticket (or none) with a confidence in [0, 1]. */
  classify(request: ClassifyRequest): Promise<{ categoryId: string | null; confidence: number }>;
  /** A reply draft to the ticket's thread, grounded in the given articles. */
  draftReply(request: DraftRequest): Promise<string>;
}

export interface ClassifyRequest {
  modelId: string;
  subject: string;
  description: string;
  categories: readonly { id: string; name: string }[];
}

export interface DraftRequest {
  modelId: string;
  organizationName: string;
  subject: string;
  /** The public thread, oldest first: the requester's words and the team's replies. */
  thread: readonly { from: 'customer' | 'agent'; body: string }[];
  articles: readonly { id: string; title: string; text: string }[];
  language: string;
}

/** The hosted model refused or failed: callers fall back to the offline assistant. */
export class HostedAssistError extends Error {
  constructor(message: string, cause?: unknown) {
    super(message, { cause });
    this.name = 'HostedAssistError';
  }
}
