import { GetParameterCommand, SSMClient } from '@aws-sdk/client-ssm';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect, it } from 'vitest';
import { SiteverifyCaptcha } from '../../../functions/adapters/captcha.siteverify';
import { SsmSecretString } from '../../../functions/adapters/secret-string.ssm';
import { loadConfig } from '../../../functions/config';
import { RECORDED, replaying } from './captcha/recorded-siteverify';

const ssm = mockClient(SSMClient);
const NAME = '/helpdesk/captcha-secret';

beforeEach(() => ssm.reset());

describe('the CAPTCHA secret from SSM', () => {
  it('reads the SecureString with decryption once per container and posts it to the provider', async () => {
    ssm.on(GetParameterCommand).resolves({ Parameter: { Value: 'sec-ret' } });
    const secret = new SsmSecretString(new SSMClient({ region: 'eu-west-1' }), NAME);
    const { fetcher, sent } = replaying({ status: 200, json: RECORDED.turnstileSuccess });
    const captcha = new SiteverifyCaptcha('turnstile', 'site-key', () => secret.value(), fetcher);
    expect(await captcha.verify('a')).toEqual({ ok: true });
    expect(await captcha.verify('b')).toEqual({ ok: true });
    expect(ssm.commandCalls(GetParameterCommand).map((c) => c.args[0].input)).toEqual([{ Name: NAME, WithDecryption: true }]);
    expect(sent.map((s) => s.body.get('secret'))).toEqual(['sec-ret', 'sec-ret']);
  });

  it('retries a failed read on the next call and refuses an empty parameter', async () => {
    ssm.on(GetParameterCommand).rejectsOnce(new Error('throttled')).resolves({ Parameter: { Value: 'sec-ret' } });
    const secret = new SsmSecretString(new SSMClient({ region: 'eu-west-1' }), NAME);
    await expect(secret.value()).rejects.toThrow('throttled');
    expect(await secret.value()).toBe('sec-ret');
    ssm.reset();
    ssm.on(GetParameterCommand).resolves({ Parameter: {} });
    await expect(new SsmSecretString(new SSMClient({ region: 'eu-west-1' }), NAME).value()).rejects.toThrow('holds no value');
  });

  it('configures a deployed function by parameter name, and refuses a CAPTCHA with neither or both secrets', () => {
    const base = { TABLE_NAME: 't', AWS_REGION: 'eu-west-1', CAPTCHA_PROVIDER: 'hcaptcha', CAPTCHA_SITE_KEY: 'k' };
    expect(loadConfig({ ...base, CAPTCHA_SECRET_PARAMETER: NAME }).captcha).toEqual({ provider: 'hcaptcha', siteKey: 'k', secretParameter: NAME });
    expect(() => loadConfig(base)).toThrow(/CAPTCHA needs its secret/);
    expect(() => loadConfig({ ...base, CAPTCHA_SECRET: 's', CAPTCHA_SECRET_PARAMETER: NAME })).toThrow(/CAPTCHA needs its secret/);
  });
});
