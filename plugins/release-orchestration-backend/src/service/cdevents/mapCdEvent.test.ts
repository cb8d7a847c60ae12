import {
  artifactPackaged,
  cdevent,
  incident,
  serviceDeployed,
  API_DIGEST,
} from './__fixtures__/cdevents';
import { cdEventKey, mapCdEvent } from './mapCdEvent';

const identity = { id: 'e1', source: '/tekton' };

describe('mapCdEvent (CDEvents v0.4.1 and v0.5.1)', () => {
  it('maps service.deployed to a succeeded deployment of the purl image and tag, keyed on the event', () => {
    const event = serviceDeployed('production');
    expect(mapCdEvent(identity, event.context.type, event)).toEqual({
      action: 'report',
      kind: 'deployment',
      body: {
        idempotencyKey: cdEventKey(identity),
        environment: 'production',
        component: 'component:default/api',
        version: '1.4.0',
        status: 'succeeded',
        startedAt: '2026-11-20T10:04:00.000Z',
        finishedAt: '2026-11-20T10:04:00.000Z',
        rollback: false,
        deployer: '/tekton/cluster-1/pipelines',
      },
    });
    expect(cdEventKey(identity)).not.toBe(
      cdEventKey({ ...identity, source: '/jenkins' }),
    );
    const rolledBack = {
      ...event,
      context: {
        ...event.context,
        type: 'dev.cdevents.service.rolledback.0.2.0',
      },
    };
    expect(
      mapCdEvent(identity, rolledBack.context.type, rolledBack),
    ).toMatchObject({ body: { rollback: true } });
  });

  it('maps artifact.packaged to a build with the purl digest and the commit from customData', () => {
    const event = artifactPackaged();
    expect(mapCdEvent(identity, event.context.type, event)).toEqual({
      action: 'report',
      kind: 'build',
      body: {
        component: 'component:default/api',
        version: '1.4.0',
        artifactUri: 'registry.example/shop/api:1.4.0',
        artifactDigest: API_DIGEST,
        commitSha: '4e1c2f0d9a',
        commitTime: '2026-11-20T09:00:00.000Z',
      },
    });
  });

  it('maps incidents to the component of their service, and says why an event cannot be mapped', () => {
    const detected = incident('detected');
    expect(mapCdEvent(identity, detected.context.type, detected)).toMatchObject(
      {
        action: 'incident',
        predicate: 'detected',
        externalId: 'incident-42',
        component: 'component:default/api',
        body: {
          environment: 'production',
          title: 'Checkout errors above 5%',
          openedAt: '2026-11-20T10:04:00.000Z',
        },
      },
    );
    const merged = cdevent('dev.cdevents.change.merged.0.2.0', {
      id: 'pr-1',
      type: 'change',
      content: { repository: { id: 'acme/api' } },
    });
    expect(mapCdEvent(identity, merged.context.type, merged)).toMatchObject({
      action: 'ignore',
    });

    const cases: Array<[string, unknown, string]> = [
      [
        'com.example.thing',
        serviceDeployed('dev'),
        "type: 'com.example.thing' is not a CDEvent type",
      ],
      [
        'dev.cdevents.pipelinerun.started.0.2.0',
        cdevent('dev.cdevents.pipelinerun.started.0.2.0', {
          id: 'p',
          content: {},
        }),
        'Unsupported CDEvent type pipelinerun.started',
      ],
      [
        'dev.cdevents.service.deployed.0.2.0',
        { context: {} },
        '/subject: Required (CDEvents v0.4.1 schema of dev.cdevents.service.deployed.0.2.0)',
      ],
      [
        'dev.cdevents.service.upgraded.0.2.0',
        serviceDeployed('dev'),
        'differs from the CloudEvent type',
      ],
      [
        'dev.cdevents.artifact.packaged.0.2.0',
        artifactPackaged({ overrides: {} }),
        'customData.releaseOrchestration.commitSha: Required',
      ],
      [
        'dev.cdevents.service.deployed.0.2.0',
        cdevent('dev.cdevents.service.deployed.0.2.0', {
          id: 's',
          type: 'service',
          content: { environment: { id: 'dev' }, artifactId: 'not a purl' },
        }),
        'subject.content.artifactId: must be a package URL',
      ],
      [
        'dev.cdevents.service.deployed.0.2.0',
        cdevent('dev.cdevents.service.deployed.0.2.0', {
          id: 's',
          type: 'service',
          content: {},
        }),
        '/subject/content/environment: Required',
      ],
      [
        'dev.cdevents.testsuiterun.finished.0.2.0',
        cdevent('dev.cdevents.testsuiterun.finished.0.2.0', {
          id: 't',
          type: 'testSuiteRun',
          content: { outcome: 'pass', environment: { id: 'dev' } },
        }),
        'customData.releaseOrchestration.releaseId: Required',
      ],
    ];
    for (const [type, data, message] of cases) {
      expect(() => mapCdEvent(identity, type, data)).toThrow(message);
    }
  });
});
