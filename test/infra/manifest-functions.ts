import type { Template } from 'aws-cdk-lib/assertions';
import { EVENT_RULES } from '../../functions/manifest/event-rules';
import { FUNCTION_URLS } from '../../functions/manifest/function-urls';
import { DEPLOYED_GROUPS } from '../../functions/manifest/http-routes';
import { QUEUES } from '../../functions/manifest/queues';
import { SCHEDULES } from '../../functions/manifest/schedules';
import type { Capability, HttpGroupSpec, QueueSpec } from '../../functions/manifest/spec';
import { FUNCTION_SPEC_DEFAULTS } from '../../lib/constructs/manifest-function';
import { consumerTimeoutSeconds } from '../../lib/constructs/queues';

/** A function the stack must have because a manifest entry says so. */
export interface ExpectedFunction {
  description: string;
  memoryMb: number;
  timeoutSeconds: number;
  needs: readonly Capability[];
}

/**
 * Every function the manifests imply: the deployed HTTP groups, the function targets of the bus
 * rules, the queue consumers, the pipe's enrichment and the timer target. Derived, so features
 * that add entries need no test change here.
 */
export const MANIFEST_FUNCTIONS: ExpectedFunction[] = [
  ...Object.entries(DEPLOYED_GROUPS as Record<string, HttpGroupSpec>).map(([group, spec]) => ({
    description: `Helpdesk HTTP ${group}`, memoryMb: spec.memoryMb, timeoutSeconds: spec.timeoutSeconds, needs: spec.needs ?? [],
  })),
  ...EVENT_RULES.flatMap((rule) => rule.target.kind === 'function' ? [{
    description: `Helpdesk bus rule ${rule.name}`,
    memoryMb: rule.target.memoryMb ?? FUNCTION_SPEC_DEFAULTS.memoryMb,
    timeoutSeconds: rule.target.timeoutSeconds ?? FUNCTION_SPEC_DEFAULTS.timeoutSeconds,
    needs: rule.target.needs ?? [],
  }] : []),
  ...Object.entries(QUEUES as Record<string, QueueSpec>).map(([name, spec]) => ({
    description: `Helpdesk queue consumer ${name}`,
    memoryMb: spec.memoryMb ?? FUNCTION_SPEC_DEFAULTS.memoryMb,
    timeoutSeconds: consumerTimeoutSeconds(spec),
    needs: spec.needs ?? [],
  })),
  ...FUNCTION_URLS.map((spec) => ({
    description: `Helpdesk function URL ${spec.name}`, memoryMb: spec.memoryMb, timeoutSeconds: spec.timeoutSeconds, needs: spec.needs ?? [],
  })),
  { description: 'Helpdesk pipe enrichment: stream records to ticket events', memoryMb: 256, timeoutSeconds: 10, needs: [] },
  {
    description: `Helpdesk timer target (${SCHEDULES.groupName})`,
    memoryMb: SCHEDULES.target.memoryMb, timeoutSeconds: SCHEDULES.target.timeoutSeconds, needs: SCHEDULES.target.needs,
  },
];

/** How many functions of the template have a description matching `pattern`. */
export function manifestFunctionCount(template: Template, pattern: RegExp): number {
  return Object.values(template.findResources('AWS::Lambda::Function'))
    .filter((fn) => pattern.test(String(fn.Properties.Description ?? ''))).length;
}
