import { Stack } from 'aws-cdk-lib';
import { PolicyStatement } from 'aws-cdk-lib/aws-iam';
import { Construct } from 'constructs';
import { ENV } from '../../functions/config';
import { acknowledgeWildcard, type Capabilities } from './capabilities';

export interface AssistProps {
  readonly capabilities: Capabilities;
  /**
   * The region whose Bedrock models organizations may choose.
   * @default the stack's region
   */
  readonly bedrockRegion?: string;
}

/**
 * The hosted assistant (issue 19): provides 'bedrock', `bedrock:InvokeModel` (what Converse
 * needs) on foundation models and on the account's inference profiles, and the region in
 * BEDROCK_REGION. Which model an organization uses is its own setting, so the grant names no
 * single model. An organization that never turns Bedrock on never causes a call.
 */
export class Assist extends Construct {
  constructor(scope: Construct, id: string, props: AssistProps) {
    super(scope, id);
    const stack = Stack.of(this);
    const region = props.bedrockRegion ?? stack.region;
    // Cross-region inference profiles route to foundation models in other regions: those ARNs have any region.
    const models = `arn:${stack.partition}:bedrock:*::foundation-model/*`;
    const profiles = stack.formatArn({ service: 'bedrock', region: '*', resource: 'inference-profile', resourceName: '*' });
    props.capabilities.provide('bedrock', (handler) => {
      handler.role.addToPrincipalPolicy(new PolicyStatement({ actions: ['bedrock:InvokeModel'], resources: [models, profiles] }));
      handler.function.addEnvironment(ENV.bedrockRegion, region);
      acknowledgeWildcard(handler, models, 'Each organization chooses its own Bedrock model; any foundation model may be the one.');
      acknowledgeWildcard(handler, profiles, 'Each organization chooses its own Bedrock inference profile.');
    });
  }
}
