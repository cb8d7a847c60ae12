import { createHash } from 'node:crypto';
import { InputError } from '@backstage/errors';
import {
  cdEventOverridesSchema,
  cdEventSchema,
  describeZodError,
  incidentEventContentSchema,
  parseCdEventType,
  serviceEventContentSchema,
  testSuiteRunFinishedContentSchema,
} from '@release-orchestration/plugin-release-orchestration-common';
import { z } from 'zod';
import { parsePurl } from './parsePurl';
import { validateCdEventSchema } from './validateCdEventSchema';

/** The source name of incidents and the prefix of deployment keys that came as CDEvents. */
export const CDEVENTS_SOURCE = 'cdevents';

/** The CloudEvent attributes that identify an event. */
export interface CloudEventIdentity {
  id: string;
  source: string;
}

/** What an event asks the plugin to do, before catalog look-ups. */
export type CdEventAction =
  | {
      action: 'report';
      kind: 'build' | 'deployment';
      body: Record<string, unknown>;
    }
  | {
      action: 'incident';
      predicate: 'detected' | 'reported' | 'resolved';
      externalId: string;
      /** The System, when the event (or its overrides) named one. */
      system?: string;
      /** The component the incident's service or artifact names, to find its System. */
      component?: string;
      body: Record<string, unknown>;
    }
  | {
      action: 'evidence';
      releaseId: string;
      body: Record<string, unknown>;
      digest: string;
    }
  | { action: 'ignore'; reason: string };

type Overrides = z.output<typeof cdEventOverridesSchema>;

function parse<S extends z.ZodTypeAny>(
  schema: S,
  value: unknown,
  where: string,
): z.output<S> {
  const result = schema.safeParse(value);
  if (!result.success) {
    throw new InputError(
      `Invalid CDEvent: ${describeZodError(result.error, where)}`,
    );
  }
  return result.data;
}

/** A stable key of the event for idempotency: printable ASCII, bounded. */
export function cdEventKey(identity: CloudEventIdentity): string {
  const hash = createHash('sha256')
    .update(`${identity.source}\n${identity.id}`)
    .digest('hex');
  return `${CDEVENTS_SOURCE}:${hash}`;
}

/** The component and version an artifact purl names (overrides first). */
function artifact(
  purlText: string | undefined,
  field: string,
  overrides: Overrides,
) {
  const purl = purlText ? parsePurl(purlText) : undefined;
  if (purlText && !purl) {
    throw new InputError(
      `Invalid CDEvent: ${field}: must be a package URL (purl) such as pkg:oci/api@sha256%3A…?tag=1.4.0`,
    );
  }
  const component =
    overrides.component ??
    (purl ? `component:default/${purl.name.toLowerCase()}` : undefined);
  const version = overrides.version ?? purl?.qualifiers.tag ?? purl?.version;
  const digest =
    overrides.artifactDigest ??
    [purl?.version, purl?.qualifiers.digest].find(
      v => v && /^[a-z0-9]+:[0-9a-fA-F]{32,128}$/.test(v),
    );
  return { purl, component, version, digest };
}

function serviceAction(
  predicate: string,
  event: z.output<typeof cdEventSchema>,
  identity: CloudEventIdentity,
  overrides: Overrides,
): CdEventAction {
  if (predicate === 'removed') {
    return {
      action: 'ignore',
      reason:
        'service.removed: the plugin records what was deployed, not what was removed',
    };
  }
  const content = parse(
    serviceEventContentSchema,
    event.subject.content,
    'subject.content',
  );
  const { component, version } = artifact(
    content.artifactId,
    'subject.content.artifactId',
    overrides,
  );
  if (!component || !version) {
    throw new InputError(
      'Invalid CDEvent: subject.content.artifactId: must be a purl naming the image and its version (?tag=), or give customData.releaseOrchestration.component and version',
    );
  }
  return {
    action: 'report',
    kind: 'deployment',
    body: {
      idempotencyKey: cdEventKey(identity),
      environment: overrides.environment ?? content.environment.id,
      component,
      version,
      ...(overrides.system ? { system: overrides.system } : {}),
      status: 'succeeded',
      startedAt: event.context.timestamp,
      finishedAt: event.context.timestamp,
      rollback: predicate === 'rolledback',
      deployer: event.context.source.slice(0, 255),
    },
  };
}

function artifactAction(
  event: z.output<typeof cdEventSchema>,
  overrides: Overrides,
): CdEventAction {
  const { purl, component, version, digest } = artifact(
    event.subject.id,
    'subject.id',
    overrides,
  );
  if (!component || !version || !digest) {
    throw new InputError(
      'Invalid CDEvent: subject.id: must be a purl with the artifact digest, e.g. pkg:oci/api@sha256%3A<hex>?tag=1.4.0 (or give customData.releaseOrchestration.artifactDigest, and component and version where the purl does not name them)',
    );
  }
  if (!overrides.commitSha) {
    throw new InputError(
      'Invalid CDEvent: customData.releaseOrchestration.commitSha: Required for artifact events (a build records the commit it was built from)',
    );
  }
  return {
    action: 'report',
    kind: 'build',
    body: {
      component,
      version,
      artifactUri: purl?.qualifiers.repository_url
        ? `${purl.qualifiers.repository_url}:${version}`
        : event.subject.id,
      artifactDigest: digest,
      commitSha: overrides.commitSha,
      commitTime: overrides.commitTime ?? event.context.timestamp,
    },
  };
}

function incidentAction(
  predicate: string,
  event: z.output<typeof cdEventSchema>,
  overrides: Overrides,
): CdEventAction {
  const content = parse(
    incidentEventContentSchema,
    event.subject.content,
    'subject.content',
  );
  const fromArtifact = artifact(
    content.artifactId,
    'subject.content.artifactId',
    overrides,
  ).component;
  const serviceName = content.service?.id.split('/').filter(Boolean).pop();
  const component =
    fromArtifact ??
    (serviceName
      ? `component:default/${serviceName.toLowerCase()}`
      : undefined);
  const environment = overrides.environment ?? content.environment?.id;
  return {
    action: 'incident',
    predicate: predicate as 'detected' | 'reported' | 'resolved',
    externalId: event.subject.id.slice(0, 200),
    ...(overrides.system ? { system: overrides.system } : {}),
    ...(component ? { component } : {}),
    body: {
      ...(environment ? { environment } : {}),
      title:
        content.description ?? `Incident ${event.subject.id.slice(0, 200)}`,
      ...(content.ticketURI ? { url: content.ticketURI } : {}),
      openedAt: event.context.timestamp,
    },
  };
}

function testSuiteAction(
  event: z.output<typeof cdEventSchema>,
  identity: CloudEventIdentity,
  overrides: Overrides,
): CdEventAction {
  const content = parse(
    testSuiteRunFinishedContentSchema,
    event.subject.content,
    'subject.content',
  );
  if (!overrides.releaseId) {
    throw new InputError(
      'Invalid CDEvent: customData.releaseOrchestration.releaseId: Required for testsuiterun.finished (evidence is attached to a release)',
    );
  }
  const url = overrides.url ?? content.testSuite?.uri;
  if (!url) {
    throw new InputError(
      'Invalid CDEvent: subject.content.testSuite.uri: Required (or customData.releaseOrchestration.url): evidence links to its report',
    );
  }
  const suite =
    content.testSuite?.name ?? content.testSuite?.id ?? event.subject.id;
  const status = {
    pass: 'pass',
    success: 'pass',
    fail: 'fail',
    failure: 'fail',
    error: 'fail',
    cancel: 'warn',
  }[content.outcome];
  return {
    action: 'evidence',
    releaseId: overrides.releaseId,
    digest: `sha256:${createHash('sha256')
      .update(`${identity.source}\n${identity.id}`)
      .digest('hex')}`,
    body: {
      type: overrides.evidenceType ?? 'tests',
      status,
      url,
      summary: `Test suite ${suite}: ${content.outcome}${
        content.reason ? ` (${content.reason})` : ''
      }`.slice(0, 1000),
      ...(overrides.environment ?? content.environment?.id
        ? { environment: overrides.environment ?? content.environment?.id }
        : {}),
    },
  };
}

/** The CDEvent types the endpoint takes, as `<subject>.<predicate>`. */
export const ACCEPTED_CDEVENT_TYPES = [
  'service.deployed',
  'service.upgraded',
  'service.rolledback',
  'service.removed',
  'artifact.packaged',
  'artifact.published',
  'incident.detected',
  'incident.reported',
  'incident.resolved',
  'testsuiterun.finished',
  'change.merged',
] as const;

/**
 * Maps a CDEvent (specification v0.4 or v0.5) onto the plugin's model: `service.deployed|upgraded|
 * rolledback` a deployment, `artifact.packaged|published` a build, `incident.detected|reported`
 * an incident and `incident.resolved` its resolution, `testsuiterun.finished` evidence;
 * `service.removed` and `change.merged` are ignored (commits come with builds). Other types are
 * refused with a 400 naming the type. Every event is first validated against the spec's JSON
 * schema of its type and version (see {@link validateCdEventSchema}).
 */
export function mapCdEvent(
  identity: CloudEventIdentity,
  type: string,
  data: unknown,
): CdEventAction {
  const parsedType = parseCdEventType(type);
  if (!parsedType) {
    throw new InputError(
      `Invalid CloudEvent: type: '${type.slice(
        0,
        100,
      )}' is not a CDEvent type (dev.cdevents.<subject>.<predicate>.<version>)`,
    );
  }
  const { subject, predicate } = parsedType;
  const name = `${subject}.${predicate}`;
  if (!(ACCEPTED_CDEVENT_TYPES as readonly string[]).includes(name)) {
    throw new InputError(
      `Unsupported CDEvent type ${name}: this endpoint takes ${ACCEPTED_CDEVENT_TYPES.slice(
        0,
        -1,
      ).join(', ')} and ${ACCEPTED_CDEVENT_TYPES.slice(-1)[0]}`,
    );
  }
  validateCdEventSchema(type, data);
  const event = parse(cdEventSchema, data, 'data');
  const custom = (
    event.customData as { releaseOrchestration?: unknown } | undefined
  )?.releaseOrchestration;
  const overrides = parse(
    cdEventOverridesSchema,
    custom ?? {},
    'customData.releaseOrchestration',
  );
  switch (name) {
    case 'service.deployed':
    case 'service.upgraded':
    case 'service.rolledback':
    case 'service.removed':
      return serviceAction(predicate, event, identity, overrides);
    case 'artifact.packaged':
    case 'artifact.published':
      return artifactAction(event, overrides);
    case 'incident.detected':
    case 'incident.reported':
    case 'incident.resolved':
      return incidentAction(predicate, event, overrides);
    case 'testsuiterun.finished':
      return testSuiteAction(event, identity, overrides);
    case 'change.merged':
      return {
        action: 'ignore',
        reason:
          'change.merged: commits are recorded with the builds that contain them',
      };
    default:
      // Not reached: ACCEPTED_CDEVENT_TYPES lists the cases above.
      throw new InputError(`Unsupported CDEvent type ${name}`);
  }
}
