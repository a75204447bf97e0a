import { randomBytes } from 'node:crypto';
import { GetParameterCommand, ParameterAlreadyExists, ParameterNotFound, PutParameterCommand, type SSMClient } from '@aws-sdk/client-ssm';

/**
 * A 256-bit key kept in an SSM SecureString parameter under the AWS managed `aws/ssm` key: free
 * to hold (a standard parameter; a customer managed KMS key is $1 a month, a Secrets Manager
 * secret $0.40), readable only by the roles granted that one parameter. CloudFormation cannot
 * create a SecureString, so the first function to need the key makes it (random, `Overwrite:
 * false`: when two race, both read the winner's). Read once per container.
 */
export class SsmKeyMaterial {
  private pending?: Promise<Buffer>;

  constructor(private readonly client: SSMClient, private readonly name: string) {}

  key(): Promise<Buffer> {
    this.pending ??= this.load().catch((error) => {
      this.pending = undefined; // a failed read is retried by the next call
      throw error;
    });
    return this.pending;
  }

  private async load(): Promise<Buffer> {
    const existing = await this.read();
    if (existing) return existing;
    try {
      await this.client.send(new PutParameterCommand({
        Name: this.name, Type: 'SecureString', Tier: 'Standard', Overwrite: false,
        Value: randomBytes(32).toString('base64'), Description: 'Helpdesk: key material made on first use (see lib/constructs)',
      }));
    } catch (error) {
      if (!(error instanceof ParameterAlreadyExists)) throw error;
    }
    const made = await this.read();
    if (!made) throw new Error(`SSM parameter ${this.name} is missing right after it was written`);
    return made;
  }

  private async read(): Promise<Buffer | undefined> {
    try {
      const { Parameter } = await this.client.send(new GetParameterCommand({ Name: this.name, WithDecryption: true }));
      const key = Buffer.from(Parameter?.Value ?? '', 'base64');
      if (key.length !== 32) throw new Error(`SSM parameter ${this.name} does not hold a 256-bit key`);
      return key;
    } catch (error) {
      if (error instanceof ParameterNotFound) return undefined;
      throw error;
    }
  }
}
