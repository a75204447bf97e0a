import { META_FUNCTION_URLS } from './features/meta';
import type { FunctionUrlSpec } from './spec';

export type { FunctionUrlSpec } from './spec';

/** The one manifest of Function URL entry points, gathered from the features: CDK and the local gateway read it. */
export const FUNCTION_URLS: readonly FunctionUrlSpec[] = [...META_FUNCTION_URLS];
