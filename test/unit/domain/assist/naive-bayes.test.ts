import { describe, expect, it } from 'vitest';
import { type CategoryCounts, bucketCounts, classify, learningAdds } from '../../../../functions/domain/assist/naive-bayes';
import { detectLanguage, stem, tokens } from '../../../../functions/domain/assist/text';
import { priorityOf, sentimentOf } from '../../../../functions/domain/assist/sentiment';

function train(examples: Record<string, string[]>): CategoryCounts[] {
  return Object.entries(examples).map(([categoryId, texts]) => {
    const buckets = new Map<number, number>();
    let total = 0;
    for (const text of texts) {
      for (const [bucket, n] of bucketCounts(tokens(text))) {
        buckets.set(bucket, (buckets.get(bucket) ?? 0) + n);
        total += n;
      }
    }
    return { categoryId, docs: texts.length, tokens: total, buckets };
  });
}

describe('offline assistant', () => {
  it('stems English words to a shared root', () => {
    expect(new Set(['printer', 'printers', 'printing', 'printed'].map(stem)).size).toBe(1);
    expect(stem('invoices')).toBe(stem('invoice'));
    expect(tokens('The printers are NOT printing!')).toEqual(['print', 'print']);
  });

  it('classifies by the history it was taught, and says nothing without it', () => {
    expect(classify([], tokens('refund my invoice'))).toEqual([]);
    expect(classify(train({ billing: ['refund invoice'] }), tokens('refund my invoice'))).toEqual([]);
    const model = train({
      billing: ['charged twice refund', 'invoice wrong amount', 'payment failed card'],
      hardware: ['printer offline', 'laptop screen broken', 'printer jams paper'],
    });
    const [best] = classify(model, tokens('my card was charged twice, refund please'));
    expect(best!.categoryId).toBe('billing');
    expect(best!.probability).toBeGreaterThan(0.8);
    expect(classify(model, tokens('zebra quantum'))).toEqual([]);
  });

  it('learns with one ADD per bucket plus the totals', () => {
    const counts = bucketCounts(tokens('printer printer offline'));
    expect(learningAdds(counts)).toMatchObject({ docs: 1, tokens: 3 });
    expect(Object.keys(learningAdds(counts))).toHaveLength(2 + counts.size);
  });

  it('reads sentiment, language and urgency on clear cases', () => {
    expect(sentimentOf('Thanks, the fix works great, you are wonderful').label).toBe('positive');
    expect(sentimentOf('The app is broken and I am furious').label).toBe('negative');
    expect(sentimentOf('How do I change my address').label).toBe('neutral');
    expect(detectLanguage('Je ne peux pas me connecter, merci')).toBe('fr');
    expect(detectLanguage('Hi')).toBe('und');
    const urgent = 'URGENT production is down, everyone is blocked, fix immediately!!!';
    expect(priorityOf(urgent, sentimentOf(urgent))?.value).toBe('urgent');
    expect(priorityOf('How do I change my address', sentimentOf('How do I change my address'))).toBeNull();
  });
});
