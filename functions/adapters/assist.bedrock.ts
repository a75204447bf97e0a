import { type BedrockRuntimeClient, ConverseCommand, type ConverseCommandInput } from '@aws-sdk/client-bedrock-runtime';
import { type ClassifyRequest, type DraftRequest, type HostedAssist, HostedAssistError } from '../domain/ports/assist';

/** Characters of one article or message a prompt carries: enough to ground a reply, bounded cost. */
const MAX_TEXT = 2_000;
const clip = (text: string) => (text.length > MAX_TEXT ? `${text.slice(0, MAX_TEXT)}…` : text);

/**
 * The assistant on Amazon Bedrock Runtime's Converse API (any model that speaks messages). The
 * prompts hold the one ticket and the one organization's categories and articles the domain
 * passes; nothing else is sent.
 */
export class BedrockHostedAssist implements HostedAssist {
  constructor(private readonly client: BedrockRuntimeClient) {}

  async classify(request: ClassifyRequest): Promise<{ categoryId: string | null; confidence: number }> {
    const text = await this.converse(classifyInput(request));
    const parsed = parseJsonObject(text);
    const id = typeof parsed?.categoryId === 'string' ? parsed.categoryId : null;
    const confidence = typeof parsed?.confidence === 'number' ? Math.max(0, Math.min(1, parsed.confidence)) : 0;
    // Only one of the categories offered counts: a model's invention is no suggestion.
    if (!id || !request.categories.some((c) => c.id === id)) return { categoryId: null, confidence: 0 };
    return { categoryId: id, confidence };
  }

  async draftReply(request: DraftRequest): Promise<string> {
    return (await this.converse(draftInput(request))).trim();
  }

  private async converse(input: ConverseCommandInput): Promise<string> {
    try {
      const output = await this.client.send(new ConverseCommand(input));
      const text = output.output?.message?.content?.map((block) => block.text ?? '').join('') ?? '';
      if (!text) throw new HostedAssistError(`the model answered no text (stop reason ${output.stopReason ?? 'unknown'})`);
      return text;
    } catch (error) {
      if (error instanceof HostedAssistError) throw error;
      throw new HostedAssistError(`Bedrock Converse failed: ${(error as Error).name}`, error);
    }
  }
}

/** The Converse request that classifies a ticket: the categories as a list, a JSON answer. Pure. */
export function classifyInput(request: ClassifyRequest): ConverseCommandInput {
  const list = request.categories.map((c) => `- ${c.id}: ${c.name}`).join('\n');
  return {
    modelId: request.modelId,
    system: [{
      text: 'You sort customer support tickets into categories. Answer with one JSON object and nothing else: '
        + '{"categoryId": "<one of the ids listed, or null>", "confidence": <number from 0 to 1>}.',
    }],
    messages: [{
      role: 'user',
      content: [{ text: `Categories:\n${list}\n\nTicket subject: ${clip(request.subject)}\nTicket description:\n${clip(request.description)}` }],
    }],
    inferenceConfig: { maxTokens: 100, temperature: 0 },
  };
}

/** The Converse request for a reply draft: the thread, the articles to cite by id. Pure. */
export function draftInput(request: DraftRequest): ConverseCommandInput {
  const articles = request.articles.map((a) => `[${a.id}] ${a.title}\n${clip(a.text)}`).join('\n\n');
  const thread = request.thread.map((m) => `${m.from === 'customer' ? 'Customer' : 'Agent'}: ${clip(m.body)}`).join('\n\n');
  return {
    modelId: request.modelId,
    system: [{
      text: `You draft replies for the support team of ${request.organizationName}. Write only the reply to the customer, `
        + `in the customer's language (${request.language === 'und' ? 'as they wrote' : request.language}). Use only facts from the `
        + 'knowledge base articles given and the thread; when they do not answer the question, say that the team will look into it. '
        + 'Cite an article you used by its id in square brackets.',
    }],
    messages: [{
      role: 'user',
      content: [{ text: `Knowledge base articles:\n${articles || '(none)'}\n\nTicket: ${clip(request.subject)}\n\nThread:\n${thread}` }],
    }],
    inferenceConfig: { maxTokens: 800, temperature: 0.2 },
  };
}

function parseJsonObject(text: string): Record<string, unknown> | undefined {
  const match = text.match(/\{[\s\S]*\}/);
  if (!match) return undefined;
  try {
    const value = JSON.parse(match[0]);
    return value && typeof value === 'object' ? value : undefined;
  } catch {
    return undefined;
  }
}
