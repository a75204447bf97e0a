/** DynamoDB's code for a write whose condition did not hold. */
export const CONDITION_FAILED = 'ConditionalCheckFailed';

type ErrorLike = { name?: unknown; message?: unknown; cause?: unknown; CancellationReasons?: unknown };

/**
 * Why DynamoDB refused a write, as its reason codes: one per item of a cancelled transaction
 * (`None` for the items that passed), `ConditionalCheckFailed` for a single write whose
 * condition failed, [] for any other error. Reads `CancellationReasons` and the exception's
 * name through ElectroDB's `cause` chain; only an error that carries neither is read from its
 * message (DynamoDB Local and wrappers that keep only the text).
 */
export function cancellationReasons(error: unknown): string[] {
  for (let e = error as ErrorLike | undefined, depth = 0; e && typeof e === 'object' && depth < 5; e = e.cause as ErrorLike, depth++) {
    if (Array.isArray(e.CancellationReasons)) return e.CancellationReasons.map((reason) => String((reason as { Code?: unknown })?.Code ?? 'None'));
    if (e.name === 'ConditionalCheckFailedException') return [CONDITION_FAILED];
  }
  return reasonsInMessage(error);
}

/** Whether the write (or an item of the transaction) failed on its condition. */
export const isConditionFailure = (error: unknown): boolean => cancellationReasons(error).includes(CONDITION_FAILED);

function reasonsInMessage(error: unknown): string[] {
  const text = String((error as ErrorLike)?.message ?? '');
  const listed = /cancellation reasons[^[]*\[([^\]]*)\]/i.exec(text);
  if (listed) return listed[1].split(',').map((code) => code.trim()).filter(Boolean);
  return /ConditionalCheckFailed|conditional request failed/i.test(text) ? [CONDITION_FAILED] : [];
}
