import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { App } from 'aws-cdk-lib';
import { beforeAll, describe, expect, it } from 'vitest';
import { HelpdeskStack } from '../../lib/helpdesk-stack';
import { SKIP_BUNDLING, cdkJsonContext } from './cdk-context';

/**
 * CloudFormation refuses a template with more than 500 resources. The stack keeps a margin for
 * the features still to come: at most 450 in every template the app synthesizes, the root and
 * any nested stack.
 */
const RESOURCES_PER_STACK = 450;

type TemplateJson = { Resources?: Record<string, { Type: string; Metadata?: Record<string, unknown> }> };

/** Every template of the assembly: each stack's, and each nested stack's (an asset file of its parent). */
function templatesOf(app: App): { name: string; template: TemplateJson }[] {
  const assembly = app.synth();
  const found: { name: string; template: TemplateJson }[] = [];
  const visit = (name: string, template: TemplateJson) => {
    found.push({ name, template });
    for (const [id, resource] of Object.entries(template.Resources ?? {})) {
      const path = resource.Metadata?.['aws:asset:path'];
      if (resource.Type === 'AWS::CloudFormation::Stack' && typeof path === 'string') {
        visit(`${name}/${id}`, JSON.parse(readFileSync(join(assembly.directory, path), 'utf8')) as TemplateJson);
      }
    }
  };
  for (const stack of assembly.stacks) visit(stack.stackName, stack.template as TemplateJson);
  return found;
}

let templates: { name: string; template: TemplateJson }[];

beforeAll(() => {
  const app = new App({ context: { ...cdkJsonContext(), ...SKIP_BUNDLING } });
  new HelpdeskStack(app, 'Helpdesk', { alarmEmail: 'ops@example.com', corsOrigins: ['https://support.example.com'] });
  templates = templatesOf(app);
}, 180_000);

describe('a stack CloudFormation deploys', () => {
  it(`has at most ${RESOURCES_PER_STACK} resources in every template, nested ones included`, () => {
    const counts = Object.fromEntries(templates.map(({ name, template }) => [name, Object.keys(template.Resources ?? {}).length]));
    console.info('resources per template:', counts);
    expect(templates.length).toBeGreaterThan(0);
    for (const [name, count] of Object.entries(counts)) expect(count, name).toBeLessThanOrEqual(RESOURCES_PER_STACK);
  });

  it('does not raise CDK\'s own check of the 500-resource limit', () => {
    expect(cdkJsonContext()['@aws-cdk/core:stackResourceLimit']).toBeUndefined();
  });
});
