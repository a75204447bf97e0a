import { GetParameterCommand, type SSMClient } from '@aws-sdk/client-ssm';

/**
 * A secret an operator keeps in an SSM SecureString parameter (a CAPTCHA provider's secret key):
 * read with decryption on first use and kept for the container's life, so the secret is in no
 * environment variable and no template. A failed read is retried by the next call.
 */
export class SsmSecretString {
  private pending?: Promise<string>;

  constructor(private readonly client: SSMClient, private readonly name: string) {}

  value(): Promise<string> {
    this.pending ??= this.load().catch((error) => {
      this.pending = undefined;
      throw error;
    });
    return this.pending;
  }

  private async load(): Promise<string> {
    const { Parameter } = await this.client.send(new GetParameterCommand({ Name: this.name, WithDecryption: true }));
    if (!Parameter?.Value) throw new Error(`SSM parameter ${this.name} holds no value`);
    return Parameter.Value;
  }
}
