import { queueDrained } from './queue-drained';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { RuntimeContract } from '../bin/local/runtime';
import { startRuntimeProcess } from '../bin/local/runtime-process';
import { signMetaBody } from '../functions/domain/meta/signature';
import { ms, summarise } from './stats';

const SAMPLES = Number(process.env.BENCH_META_SAMPLES ?? 200);
const CONTACTS = 20;
/** Meta's budget for answering a webhook (it retries slower answers). */
const TARGET_P50_MS = 250;
const TARGET_PER_SECOND = 5;

/**
 * WhatsApp webhooks against the running local runtime: the answer latency of signed deliveries at
 * the Function URL (signature check, channel lookup, FIFO enqueue), one at a time, then the
 * worker's throughput until the `meta-inbound` queue is drained (every message a ticket or a reply,
 * CONTACTS contacts so groups run side by side). Rows: measure, value, baseline, ratio, target, verdict.
 */
export async function benchMeta(contract: RuntimeContract): Promise<string[][]> {
  const phoneNumberId = String(Date.now());
  const secret = `bench-secret-${phoneNumberId}`;
  const created = await fetch(`${contract.httpUrl}/v1/channels`, {
    method: 'POST',
    headers: { authorization: `Bearer ${contract.tokens.admin}`, 'content-type': 'application/json' },
    body: JSON.stringify({ kind: 'whatsapp', name: 'bench', phoneNumberId, appSecret: secret, accessToken: 'bench-token', verifyToken: `verify-${phoneNumberId}` }),
  });
  if (created.status !== 201) throw new Error(`channel: ${created.status} ${await created.text()}`);
  const url = String((contract.metaWebhookUrls as { whatsapp: string }).whatsapp);
  const queueFile = path.join(contract.dataDir, 'queues', 'meta-inbound.json');
  const now = Math.floor(Date.now() / 1000);
  const delivery = (i: number) => {
    const from = `49151${String(i % CONTACTS).padStart(7, '0')}`;
    return JSON.stringify({ object: 'whatsapp_business_account', entry: [{ id: 'bench', changes: [{ field: 'messages', value: {
      messaging_product: 'whatsapp', metadata: { display_phone_number: '1', phone_number_id: phoneNumberId },
      contacts: [{ wa_id: from, profile: { name: `Bench ${i % CONTACTS}` } }],
      messages: [{ from, id: `wamid.bench.${phoneNumberId}.${i}`, timestamp: String(now + i), type: 'text', text: { body: `message ${i}` } }],
    } }] }] });
  };
  const post = async (raw: string) => {
    const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', 'x-hub-signature-256': signMetaBody(raw, secret) }, body: raw });
    if (res.status !== 200) throw new Error(`webhook: ${res.status} ${await res.text()}`);
    await res.arrayBuffer();
  };
  for (let i = 0; i < 10; i++) await post(delivery(SAMPLES + i)); // warm: handler import, KMS-like decrypt, connections
  await queueDrained(queueFile, 'meta-inbound');

  const latencies: number[] = [];
  const start = performance.now();
  for (let i = 0; i < SAMPLES; i++) {
    const raw = delivery(i);
    const t0 = performance.now();
    await post(raw);
    latencies.push(performance.now() - t0);
  }
  const answered = performance.now();
  await queueDrained(queueFile, 'meta-inbound');
  const seconds = (performance.now() - start) / 1000;
  const answer = summarise(latencies);
  const rate = SAMPLES / seconds;
  return [
    [`WhatsApp webhook answer (signed POST → verified → FIFO), ${SAMPLES} sequential`, `${ms(answer.p50)} / ${ms(answer.p99)}`, '-', '-', `p50 ≤ ${TARGET_P50_MS} ms`, answer.p50 <= TARGET_P50_MS ? 'met' : 'MISSED'],
    [`WhatsApp messages/s through the worker (${CONTACTS} contacts; answers took ${((answered - start) / 1000).toFixed(1)} s)`, `${rate.toFixed(1)} msg/s`, '-', '-', `≥ ${TARGET_PER_SECOND} msg/s`, rate >= TARGET_PER_SECOND ? 'met' : 'MISSED'],
  ];
}

// `npx tsx bench/meta.ts`: this measure alone, on a runtime of its own.
if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'helpdesk-bench-meta-'));
  const runtime = await startRuntimeProcess(dataDir);
  try {
    for (const row of await benchMeta(runtime.contract)) console.log(row.join('  |  '));
  } finally {
    await runtime.interrupt();
    rmSync(dataDir, { recursive: true, force: true });
  }
}
