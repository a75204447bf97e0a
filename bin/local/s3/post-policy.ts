/**
 * The conditions of an S3 POST policy, checked as S3 does: the form has not expired, every
 * condition holds (exact match, prefix, content-length range), and every field of the form is
 * named by a condition. Field names compare case-insensitively.
 */
export type PolicyVerdict = { ok: true } | { ok: false; code: 'AccessDenied' | 'EntityTooLarge' | 'EntityTooSmall' | 'InvalidPolicyDocument'; message: string };

const EXEMPT = new Set(['policy', 'x-amz-signature', 'file']);

export function checkPostPolicy(
  policyBase64: string,
  fields: Record<string, string>,
  context: { bucket: string; size: number; now: Date },
): PolicyVerdict {
  let policy: { expiration?: unknown; conditions?: unknown };
  try {
    policy = JSON.parse(Buffer.from(policyBase64, 'base64').toString('utf8'));
  } catch {
    return { ok: false, code: 'InvalidPolicyDocument', message: 'the policy is not base64 JSON' };
  }
  const expiration = typeof policy.expiration === 'string' ? Date.parse(policy.expiration) : NaN;
  if (!Number.isFinite(expiration) || !Array.isArray(policy.conditions)) {
    return { ok: false, code: 'InvalidPolicyDocument', message: 'the policy needs an expiration and conditions' };
  }
  if (context.now.getTime() > expiration) return { ok: false, code: 'AccessDenied', message: 'Invalid according to Policy: Policy expired.' };
  const values: Record<string, string> = { ...fields, bucket: context.bucket };
  const covered = new Set<string>();
  const fail = (condition: unknown): PolicyVerdict => ({
    ok: false, code: 'AccessDenied', message: `Invalid according to Policy: Policy Condition failed: ${JSON.stringify(condition)}`,
  });
  for (const condition of policy.conditions as unknown[]) {
    if (Array.isArray(condition)) {
      const [op, a, b] = condition as [string, unknown, unknown];
      if (String(op).toLowerCase() === 'content-length-range') {
        const min = Number(a);
        const max = Number(b);
        if (context.size > max) return { ok: false, code: 'EntityTooLarge', message: `Your proposed upload exceeds the maximum allowed size (${max})` };
        if (context.size < min) return { ok: false, code: 'EntityTooSmall', message: `Your proposed upload is smaller than the minimum allowed size (${min})` };
        continue;
      }
      if (typeof a !== 'string' || !a.startsWith('$') || typeof b !== 'string') return { ok: false, code: 'InvalidPolicyDocument', message: `unreadable condition ${JSON.stringify(condition)}` };
      const name = a.slice(1).toLowerCase();
      covered.add(name);
      const value = values[name];
      if (String(op).toLowerCase() === 'eq' && value !== b) return fail(condition);
      if (String(op).toLowerCase() === 'starts-with' && !(value ?? '').startsWith(b)) return fail(condition);
      if (!['eq', 'starts-with'].includes(String(op).toLowerCase())) return { ok: false, code: 'InvalidPolicyDocument', message: `unknown condition ${op}` };
    } else if (condition && typeof condition === 'object') {
      for (const [rawName, want] of Object.entries(condition)) {
        const name = rawName.toLowerCase();
        covered.add(name);
        if (values[name] !== want) return fail(condition);
      }
    } else {
      return { ok: false, code: 'InvalidPolicyDocument', message: `unreadable condition ${JSON.stringify(condition)}` };
    }
  }
  for (const name of Object.keys(fields)) {
    if (!EXEMPT.has(name) && !name.startsWith('x-ignore-') && !covered.has(name)) {
      return { ok: false, code: 'AccessDenied', message: `Invalid according to Policy: Extra input fields: ${name}` };
    }
  }
  return { ok: true };
}
