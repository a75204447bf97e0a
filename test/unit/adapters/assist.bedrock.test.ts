import { BedrockRuntimeClient, ConverseCommand, ThrottlingException } from '@aws-sdk/client-bedrock-runtime';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect, it } from 'vitest';
import { BedrockHostedAssist } from '../../../functions/adapters/assist.bedrock';
import { HostedAssistError } from '../../../functions/domain/ports/assist';

const bedrock = mockClient(BedrockRuntimeClient);
const reply = (text: string) => ({ output: { message: { role: 'assistant' as const, content: [{ text }] } }, stopReason: 'end_turn' as const });
const MODEL = 'anthropic.claude-3-haiku-20240307-v1:0';

describe('Bedrock Converse assist adapter', () => {
  beforeEach(() => bedrock.reset());

  it('classifies with exactly the organization\'s categories and the one ticket, and keeps only an offered id', async () => {
    bedrock.on(ConverseCommand).resolves(reply('Sure: {"categoryId": "billing", "confidence": 0.83}'));
    const assist = new BedrockHostedAssist(new BedrockRuntimeClient({ region: 'eu-west-1' }));
    const answer = await assist.classify({
      modelId: MODEL, subject: 'Charged twice', description: 'My card was charged twice.',
      categories: [{ id: 'billing', name: 'Billing' }, { id: 'hardware', name: 'Hardware' }],
    });
    expect(answer).toEqual({ categoryId: 'billing', confidence: 0.83 });
    expect(bedrock.commandCalls(ConverseCommand)).toHaveLength(1);
    expect(bedrock.commandCalls(ConverseCommand)[0]!.args[0].input).toEqual({
      modelId: MODEL,
      system: [{
        text: 'You sort customer support tickets into categories. Answer with one JSON object and nothing else: '
          + '{"categoryId": "<one of the ids listed, or null>", "confidence": <number from 0 to 1>}.',
      }],
      messages: [{
        role: 'user',
        content: [{ text: 'Categories:\n- billing: Billing\n- hardware: Hardware\n\nTicket subject: Charged twice\nTicket description:\nMy card was charged twice.' }],
      }],
      inferenceConfig: { maxTokens: 100, temperature: 0 },
    });

    bedrock.on(ConverseCommand).resolves(reply('{"categoryId": "made-up", "confidence": 0.99}'));
    expect(await assist.classify({ modelId: MODEL, subject: 's', description: 'd', categories: [{ id: 'billing', name: 'Billing' }] }))
      .toEqual({ categoryId: null, confidence: 0 });
  });

  it('drafts a reply from the thread and the articles given, and clips long texts', async () => {
    bedrock.on(ConverseCommand).resolves(reply('  Please restart the spooler [a1].  '));
    const assist = new BedrockHostedAssist(new BedrockRuntimeClient({ region: 'eu-west-1' }));
    const long = 'x'.repeat(2_500);
    const draft = await assist.draftReply({
      modelId: MODEL, organizationName: 'Acme', subject: 'Printer offline', language: 'en',
      thread: [{ from: 'customer', body: 'It is offline.' }, { from: 'agent', body: 'Which model?' }],
      articles: [{ id: 'a1', title: 'Printer shows offline', text: long }],
    });
    expect(draft).toBe('Please restart the spooler [a1].');
    const input = bedrock.commandCalls(ConverseCommand)[0]!.args[0].input;
    expect(input.modelId).toBe(MODEL);
    expect(input.inferenceConfig).toEqual({ maxTokens: 800, temperature: 0.2 });
    expect(input.system?.[0]).toEqual({ text: expect.stringContaining('support team of Acme') });
    expect(input.messages).toEqual([{
      role: 'user',
      content: [{ text: `Knowledge base articles:\n[a1] Printer shows offline\n${'x'.repeat(2_000)}…\n\nTicket: Printer offline\n\nThread:\nCustomer: It is offline.\n\nAgent: Which model?` }],
    }]);
  });

  it('turns a refusal, a throttle or an empty answer into HostedAssistError (callers fall back offline)', async () => {
    const assist = new BedrockHostedAssist(new BedrockRuntimeClient({ region: 'eu-west-1', maxAttempts: 1 }));
    bedrock.on(ConverseCommand).rejects(new ThrottlingException({ message: 'slow down', $metadata: {} }));
    await expect(assist.draftReply({ modelId: MODEL, organizationName: 'A', subject: 's', thread: [], articles: [], language: 'en' }))
      .rejects.toBeInstanceOf(HostedAssistError);
    bedrock.on(ConverseCommand).resolves({ output: { message: { role: 'assistant', content: [] } }, stopReason: 'guardrail_intervened' });
    await expect(assist.classify({ modelId: MODEL, subject: 's', description: 'd', categories: [] })).rejects.toThrow(/no text.*guardrail_intervened/);
  });
});
