import Sentiment from 'sentiment';
import type { TicketPriority } from '../../../schemas/ticket-enums';
import type { Sentiment as SentimentView } from '../../../schemas/kb';
import { words } from './text';

const analyser = new Sentiment();

/** Support-specific words the AFINN lexicon lacks or weighs as neutral. */
const EXTRA: Record<string, number> = {
  broken: -3, crash: -3, crashes: -3, crashed: -3, outage: -3, down: -2, unusable: -3, fails: -2, failing: -2, failed: -2,
  error: -2, errors: -2, cannot: -1, cant: -1, "can't": -1, unacceptable: -4, refund: -1, overcharged: -3, slow: -2,
  lost: -2, locked: -1, stuck: -2, ridiculous: -3, furious: -4, worst: -3, resolved: 2, works: 2, solved: 2,
};

/**
 * The sentiment of a ticket's text from the AFINN lexicon (`sentiment`), with a few support
 * words added. `score` is the comparative score (sum per word), clipped to [-1, 1]; ±0.05 is
 * the neutral band. Pure.
 */
export function sentimentOf(text: string): SentimentView {
  const result = analyser.analyze(text, { extras: EXTRA });
  const score = Math.max(-1, Math.min(1, Math.round(result.comparative * 1000) / 1000));
  const label = score <= -0.05 ? 'negative' : score >= 0.05 ? 'positive' : 'neutral';
  return { label, score };
}

const URGENT = new Set(['urgent', 'urgently', 'asap', 'immediately', 'emergency', 'critical', 'outage', 'now', 'production', 'prod', 'down', 'blocked', 'blocking', 'everyone', 'all', 'losing', 'deadline', 'today']);
const STRONG = new Set(['urgent', 'urgently', 'asap', 'emergency', 'outage', 'critical', 'immediately']);

/**
 * Seed 001's automatic priority: urgent-sounding words (urgent, ASAP, outage, production
 * down...) in a negative ticket raise it. Null when the text gives no such signal: the
 * assistant does not guess a priority from nothing. Pure.
 */
export function priorityOf(text: string, sentiment: SentimentView): { value: TicketPriority; confidence: number } | null {
  const all = words(text);
  const cues = all.filter((w) => URGENT.has(w)).length;
  const strong = all.filter((w) => STRONG.has(w)).length;
  const upper = (text.match(/\b[A-Z]{4,}\b/g) ?? []).length + (text.match(/!{2,}/g) ?? []).length;
  const negative = sentiment.label === 'negative';
  if (strong >= 1 && (negative || cues >= 3) && (cues + upper) >= 3) return { value: 'urgent', confidence: round(0.75 + Math.min(0.2, 0.05 * (cues + upper - 3))) };
  if (strong >= 1 && negative) return { value: 'high', confidence: 0.75 };
  if (cues >= 2 && negative) return { value: 'high', confidence: 0.6 };
  return null;
}

const round = (n: number) => Math.round(n * 100) / 100;
