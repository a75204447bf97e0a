/** One signed POST to a webhook endpoint. */
export interface WebhookRequest {
  url: string;
  body: string;
  headers: Record<string, string>;
}

/** What came of it: never throws; a refused destination, a timeout or a reset is an `error`. */
export interface WebhookResponse {
  ok: boolean;
  statusCode: number | null;
  latencyMs: number;
  /** At most 1 KiB of the response body. */
  responseExcerpt: string | null;
  error: string | null;
}

export interface WebhookPoster {
  post(request: WebhookRequest): Promise<WebhookResponse>;
}
