import { App, Stack, Validations } from 'aws-cdk-lib';
import { Queue, QueueEncryption } from 'aws-cdk-lib/aws-sqs';
import { describe, expect, it } from 'vitest';
import { Capabilities } from '../../lib/constructs/capabilities';
import { HelpdeskMail } from '../../lib/constructs/mail';
import { SKIP_BUNDLING, cdkJsonContext } from './cdk-context';

describe('what cdk synth prints', () => {
  it('a warning the user can act on, without a bare source line above it', () => {
    const app = new App({ context: { ...cdkJsonContext(), ...SKIP_BUNDLING } });
    const stack = new Stack(app, 'SynthOutput', { env: { account: '123456789012', region: 'eu-west-1' } });
    const dlq = new Queue(stack, 'Dlq', { encryption: QueueEncryption.SQS_MANAGED, enforceSSL: true });
    Validations.of(dlq).acknowledge({ id: 'AwsSolutions-SQS3', reason: 'Test fixture: the dead-letter queue itself.' });
    const queue = new Queue(stack, 'Inbound', { encryption: QueueEncryption.SQS_MANAGED, enforceSSL: true, deadLetterQueue: { queue: dlq, maxReceiveCount: 5 } });
    const mail = new HelpdeskMail(stack, 'Mail', { inboundQueue: queue, capabilities: new Capabilities(stack, 'Capabilities') });
    const warnings = mail.node.metadata.filter((entry) => entry.type === 'aws:cdk:warning');
    expect(warnings.map((w) => String(w.data))).toEqual([expect.stringContaining('No mail domains given')]);
    // The CLI prints a warning's recorded stack frame as a line of its own (lib/constructs/mail.ts:60:28).
    expect(warnings.map((w) => w.trace ?? [])).toEqual([[]]);
  });
});
