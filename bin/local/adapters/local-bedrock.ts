import { appendFileSync, existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { Readable } from 'node:stream';
import { BedrockRuntimeClient } from '@aws-sdk/client-bedrock-runtime';
import { BedrockHostedAssist } from '../../../functions/adapters/assist.bedrock';
import { tokens } from '../../../functions/domain/assist/text';
import type { Clock } from '../../../functions/domain/ports/clock';
import { localStateDir } from './local-state';

/** One Converse call as the stand-in received it: the model id in the path and the JSON body. */
export interface RecordedConverse {
  at: string;
  modelId: string;
  body: {
    system?: { text: string }[];
    messages: { role: string; content: { text: string }[] }[];
    inferenceConfig?: Record<string, unknown>;
  };
}

/**
 * Plays Amazon Bedrock Runtime in the local runtime, behind the real adapter and SDK client: the
 * client's HTTP handler is swapped for one that records each Converse request
 * (`assist/bedrock-requests.jsonl`) and answers as a small, deterministic model would. For a
 * classification it picks the offered category whose name shares most words with the ticket;
 * for a draft it thanks the customer and points at the first article given, citing its id. No
 * network, no credentials: a test double for the hosted model, like the Graph API stand-in.
 */
export function localBedrockAssist(dataDir: string, clock: Clock): BedrockHostedAssist {
  const file = path.join(localStateDir(dataDir, 'assist'), 'bedrock-requests.jsonl');
  const client = new BedrockRuntimeClient({
    region: 'us-east-1',
    credentials: { accessKeyId: 'LOCAL', secretAccessKey: 'local-stand-in' },
    maxAttempts: 1,
    requestHandler: {
      handle: async (request: { path: string; body?: unknown }) => {
        const modelId = decodeURIComponent(request.path.replace(/^\/model\//, '').replace(/\/converse$/, ''));
        const body = JSON.parse(String(request.body ?? '{}')) as RecordedConverse['body'];
        appendFileSync(file, `${JSON.stringify({ at: clock.now().toISOString(), modelId, body } satisfies RecordedConverse)}\n`);
        const answer = JSON.stringify({
          output: { message: { role: 'assistant', content: [{ text: answerOf(body) }] } },
          stopReason: 'end_turn',
          usage: { inputTokens: 1, outputTokens: 1, totalTokens: 2 },
          metrics: { latencyMs: 1 },
        });
        return { response: { statusCode: 200, headers: { 'content-type': 'application/json' }, body: Readable.from([Buffer.from(answer)]) } };
      },
    } as never,
  });
  return new BedrockHostedAssist(client);
}

/** The recorded Converse requests, oldest first. */
export function recordedConverse(dataDir: string): RecordedConverse[] {
  const file = path.join(localStateDir(dataDir, 'assist'), 'bedrock-requests.jsonl');
  if (!existsSync(file)) return [];
  return readFileSync(file, 'utf8').split('\n').filter(Boolean).map((line) => JSON.parse(line) as RecordedConverse);
}

function answerOf(body: RecordedConverse['body']): string {
  const prompt = body.messages.map((m) => m.content.map((c) => c.text).join('\n')).join('\n');
  const categories = prompt.match(/^Categories:\n([\s\S]*?)\n\n/m);
  if (categories) {
    const ticket = new Set(tokens(prompt.slice(prompt.indexOf('Ticket subject:'))));
    const scored = categories[1]!.split('\n').map((line) => {
      const [, id, name] = line.match(/^- ([^:]+): (.*)$/) ?? [];
      const words = tokens(`${name ?? ''} ${id ?? ''}`);
      const overlap = words.filter((w) => ticket.has(w)).length;
      return { id, score: words.length ? overlap / words.length : 0 };
    }).sort((a, b) => b.score - a.score);
    const best = scored[0];
    return JSON.stringify(best && best.score > 0 ? { categoryId: best.id, confidence: Math.min(0.95, 0.5 + best.score / 2) } : { categoryId: null, confidence: 0 });
  }
  const article = prompt.match(/^\[([A-Za-z0-9_-]+)\] (.*)$/m);
  return article
    ? `Thank you for reaching out. Our article "${article[2]}" [${article[1]}] explains the steps; please try them and tell us how it goes.`
    : 'Thank you for reaching out. The team will look into this and get back to you.';
}
