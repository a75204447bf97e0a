import * as z from 'zod';
import { TicketPriority } from './ticket-enums';

/** What the assistant suggests for a ticket (issue 19); staff see it on the ticket as `assist`. */
export const Sentiment = z.object({ label: z.enum(['negative', 'neutral', 'positive']), score: z.number() });
export type Sentiment = z.infer<typeof Sentiment>;
export const AssistSuggestion = z
  .object({
    category: z.object({ id: z.string(), confidence: z.number() }).nullable(),
    priority: z.object({ value: TicketPriority, confidence: z.number() }).nullable(),
    sentiment: Sentiment,
    articles: z.array(z.object({ id: z.string(), title: z.string(), score: z.number() })),
    language: z.string().describe('ISO 639-1 code, or `und` when unsure'),
    provider: z.enum(['offline', 'bedrock']).optional(),
    at: z.string().optional().describe('When it was made (on a ticket)'),
  })
  .meta({ id: 'AssistSuggestion' });
export type AssistSuggestion = z.infer<typeof AssistSuggestion>;

