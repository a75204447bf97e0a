import http from 'node:http';
import https from 'node:https';
import type { LookupFunction } from 'node:net';
import { performance } from 'node:perf_hooks';
import {
  type ResolvedAddress, type Resolver, type WebhookNetworkPolicy, resolveAllowedDestination, systemResolver,
} from '../domain/webhooks/network-policy';
import type { WebhookPoster, WebhookRequest, WebhookResponse } from '../domain/ports/webhook-poster';

export const EXCERPT_BYTES = 1024;

export interface NodeWebhookPosterOptions {
  policy: WebhookNetworkPolicy;
  timeoutMs?: number;
  resolve?: Resolver;
}

/**
 * POSTs with node's http(s): the destination is resolved and checked against the policy first,
 * then the socket connects to that checked address (the request's `lookup` is pinned to it, so
 * a DNS answer that changes in between cannot redirect it), keeping the host name for the Host
 * header and TLS. No redirects are followed; the whole exchange is bounded by `timeoutMs`.
 */
export class NodeWebhookPoster implements WebhookPoster {
  private readonly timeoutMs: number;
  private readonly resolve: Resolver;

  constructor(private readonly options: NodeWebhookPosterOptions) {
    this.timeoutMs = options.timeoutMs ?? 10_000;
    this.resolve = options.resolve ?? systemResolver;
  }

  async post(request: WebhookRequest): Promise<WebhookResponse> {
    const started = performance.now();
    const elapsed = () => Math.round(performance.now() - started);
    let target: ResolvedAddress;
    try {
      [target] = await resolveAllowedDestination(request.url, this.options.policy, this.resolve);
    } catch (error) {
      return { ok: false, statusCode: null, latencyMs: elapsed(), responseExcerpt: null, error: (error as Error).message };
    }
    return new Promise<WebhookResponse>((resolvePromise) => {
      let settled = false;
      const finish = (response: Omit<WebhookResponse, 'latencyMs'>) => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        resolvePromise({ ...response, latencyMs: elapsed() });
      };
      const url = new URL(request.url);
      const client = url.protocol === 'https:' ? https : http;
      const req = client.request(url, {
        method: 'POST',
        agent: false,
        lookup: pinnedLookup(target),
        headers: {
          'content-type': 'application/json', 'user-agent': 'helpdesk-webhooks/1',
          'content-length': String(Buffer.byteLength(request.body)), ...request.headers,
        },
      });
      const timer = setTimeout(() => {
        finish({ ok: false, statusCode: null, responseExcerpt: null, error: `timed out after ${this.timeoutMs} ms` });
        req.destroy();
      }, this.timeoutMs);
      req.on('error', (error) => finish({ ok: false, statusCode: null, responseExcerpt: null, error: error.message }));
      req.on('response', (res) => {
        const statusCode = res.statusCode ?? 0;
        const chunks: Buffer[] = [];
        let size = 0;
        const done = () => {
          const excerpt = Buffer.concat(chunks).subarray(0, EXCERPT_BYTES).toString('utf8');
          const ok = statusCode >= 200 && statusCode < 300;
          finish({ ok, statusCode, responseExcerpt: excerpt || null, error: ok ? null : statusCode >= 300 && statusCode < 400 ? 'redirects are not followed' : `HTTP ${statusCode}` });
          res.destroy();
        };
        res.on('data', (chunk: Buffer) => {
          chunks.push(chunk);
          size += chunk.length;
          if (size >= EXCERPT_BYTES) done();
        });
        res.on('end', done);
        res.on('error', done);
      });
      req.end(request.body);
    });
  }
}

/** A `lookup` that answers the already-checked address, whatever form node asks in. */
function pinnedLookup(target: ResolvedAddress): LookupFunction {
  return ((_host: string, options: { all?: boolean }, callback: (...args: unknown[]) => void) => {
    if (options?.all) callback(null, [{ address: target.address, family: target.family }]);
    else callback(null, target.address, target.family);
  }) as LookupFunction;
}
