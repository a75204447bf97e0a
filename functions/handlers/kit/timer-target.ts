import type { Context } from 'aws-lambda';
import { type Runtime, runtime } from '../../runtime';
import { lambdaHandler } from './lambda-handler';

/** The target of one-time schedules: the input is the schedule's payload. */
export function timerTarget<P, R>(fn: (payload: P, runtime: Runtime) => Promise<R>) {
  return lambdaHandler(async (payload: P, _context: Context) => fn(payload, runtime()));
}
