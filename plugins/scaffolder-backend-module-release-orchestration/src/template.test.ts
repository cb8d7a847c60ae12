import { mockServices } from '@backstage/backend-test-utils';
import fs from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import { ReleaseOrchestrationApiCaller } from './apiCaller';
import { createReleaseOrchestrationActions } from './actions';

const actions = createReleaseOrchestrationActions(
  new ReleaseOrchestrationApiCaller({
    discovery: mockServices.discovery(),
    auth: mockServices.auth(),
    allowPluginCredentials: false,
  }),
);

describe('the example template', () => {
  const file = path.resolve(
    __dirname,
    '../templates/release-orchestration-release/template.yaml',
  );
  const template = parse(fs.readFileSync(file, 'utf8'));

  it('uses only these actions, with inputs they declare and every required one given', () => {
    expect(template).toMatchObject({
      apiVersion: 'scaffolder.backstage.io/v1beta3',
      kind: 'Template',
    });
    const steps: Array<{
      id: string;
      action: string;
      input: Record<string, unknown>;
    }> = template.spec.steps;
    expect(steps.length).toBeGreaterThan(0);
    for (const step of steps) {
      const action = actions.find(a => a.id === step.action);
      expect(action).toBeDefined();
      const schema = action!.schema!.input as {
        properties: Record<string, unknown>;
        required?: string[];
      };
      for (const key of Object.keys(step.input)) {
        expect(Object.keys(schema.properties)).toContain(key);
      }
      for (const key of schema.required ?? []) {
        expect(Object.keys(step.input)).toContain(key);
      }
    }
  });

  it('reads outputs the earlier steps declare', () => {
    const outputsOf = new Map<string, string[]>();
    for (const step of template.spec.steps) {
      const action = actions.find(a => a.id === step.action)!;
      outputsOf.set(
        step.id,
        Object.keys((action.schema!.output as any).properties),
      );
    }
    const text = fs.readFileSync(
      path.resolve(
        __dirname,
        '../templates/release-orchestration-release/template.yaml',
      ),
      'utf8',
    );
    const references = [
      ...text.matchAll(/steps\.([a-z-]+)\.output\.([A-Za-z]+)/g),
    ];
    expect(references.length).toBeGreaterThan(0);
    for (const [, stepId, output] of references) {
      expect(outputsOf.get(stepId)).toContain(output);
    }
  });
});
