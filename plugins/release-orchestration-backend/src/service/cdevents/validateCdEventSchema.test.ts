import { specExamples } from './__fixtures__/specExamples';
import {
  cdEventSpecVersions,
  validateCdEventSchema,
} from './validateCdEventSchema';
import { ACCEPTED_CDEVENT_TYPES } from './mapCdEvent';

const example = (version: string, name: string) => specExamples(version)[name];

describe('validateCdEventSchema (vendored CDEvents JSON schemas)', () => {
  it('vendors v0.5.1 and v0.4.1 with a conformance example of every accepted type, and takes each', () => {
    expect(cdEventSpecVersions()).toEqual(['0.5.1', '0.4.1']);
    for (const version of cdEventSpecVersions()) {
      const examples = specExamples(version);
      expect(Object.keys(examples).sort()).toEqual(
        [...ACCEPTED_CDEVENT_TYPES].sort(),
      );
      for (const event of Object.values(examples)) {
        expect([
          event.context.type,
          validateCdEventSchema(event.context.type, event),
        ]).toEqual([event.context.type, version]);
      }
    }
  });

  it('names the JSON pointer that fails and the schema it failed', () => {
    const deployed = example('0.4.1', 'service.deployed');
    const type = deployed.context.type;
    const cases: Array<[unknown, string]> = [
      [
        undefined,
        `Invalid CDEvent: data: must be object (CDEvents v0.4.1 schema of ${type})`,
      ],
      [
        {
          ...deployed,
          subject: {
            ...deployed.subject,
            content: { artifactId: 'pkg:oci/a@1' },
          },
        },
        `Invalid CDEvent: /subject/content/environment: Required (CDEvents v0.4.1 schema of ${type})`,
      ],
      [
        {
          ...deployed,
          subject: {
            ...deployed.subject,
            content: { ...deployed.subject.content, url: 'https://x' },
          },
        },
        'Invalid CDEvent: /subject/content/url: is not a property the schema allows here',
      ],
      [
        { ...deployed, context: { ...deployed.context, timestamp: 'today' } },
        'Invalid CDEvent: /context/timestamp: must match format "date-time"',
      ],
      [
        { ...deployed, subject: { ...deployed.subject, type: 'artifact' } },
        `Invalid CDEvent: /subject/type: must be one of "service"`,
      ],
      [
        { ...deployed, customData: 42 },
        'Invalid CDEvent: /customData: must be object',
      ],
      [
        {
          ...deployed,
          context: {
            ...deployed.context,
            type: 'dev.cdevents.service.upgraded.0.2.0',
          },
        },
        `Invalid CDEvent: /context/type: "dev.cdevents.service.upgraded.0.2.0" differs from the CloudEvent type '${type}'`,
      ],
    ];
    for (const [data, message] of cases) {
      expect(() => validateCdEventSchema(type, data)).toThrow(message);
    }

    const finished = example('0.5.1', 'testsuiterun.finished');
    expect(() =>
      validateCdEventSchema(finished.context.type, {
        ...finished,
        subject: {
          ...finished.subject,
          content: { ...finished.subject.content, outcome: 'pass' },
        },
      }),
    ).toThrow(
      'Invalid CDEvent: /subject/content/outcome: must be one of "success", "failure", "cancel", "error" (CDEvents v0.5.1 schema of dev.cdevents.testsuiterun.finished.0.3.0)',
    );
    // A v0.5 event keeps v0.5's context: `specversion`, not v0.4's `version`.
    const v05 = example('0.5.1', 'service.deployed');
    const { specversion, ...context } = v05.context;
    expect(() =>
      validateCdEventSchema(v05.context.type, {
        ...v05,
        context: { ...context, version: specversion },
      }),
    ).toThrow('Invalid CDEvent: /context/specversion: Required');
  });

  it('refuses a type version no vendored release defines, naming those that are', () => {
    expect(() =>
      validateCdEventSchema(
        'dev.cdevents.service.deployed.0.1.0',
        example('0.4.1', 'service.deployed'),
      ),
    ).toThrow(
      'Unsupported CDEvent version "dev.cdevents.service.deployed.0.1.0": the CDEvents v0.5.1 and v0.4.1 schemas this endpoint validates against define service.deployed as 0.3.0 or 0.2.0',
    );
  });
});
