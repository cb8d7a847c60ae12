import { z } from 'zod';
import { MAX_ENTITY_REF_LENGTH, safeTextSchema } from './safeText';
import { timestampSchema } from './timestampSchema';

/*
 * CDEvents as CloudEvents, written from the CDEvents specification v0.4 and v0.5 (spec.md,
 * core.md, continuous-deployment.md, continuous-integration.md, continuous-operations.md,
 * source-code-version-control.md, testing-events.md) and CloudEvents 1.0. Only the fields the
 * plugin reads are checked here (the backend first validates every event against the spec's own
 * JSON schemas); others are allowed.
 */

const text = (max: number) => safeTextSchema({ min: 1, max, trim: false });

/** `dev.cdevents.<subject>.<predicate>.<major>.<minor>.<patch>` */
const CDEVENT_TYPE =
  /^dev\.cdevents\.([a-z]+)\.([a-z]+)\.(\d+)\.(\d+)\.(\d+)(-[0-9A-Za-z.-]+)?$/;

/**
 * The type of a CDEvent, split into subject, predicate and version; undefined when it is not one.
 * @public
 */
export function parseCdEventType(
  type: string,
): { subject: string; predicate: string; version: string } | undefined {
  const match = CDEVENT_TYPE.exec(type);
  return match
    ? {
        subject: match[1],
        predicate: match[2],
        version: `${match[3]}.${match[4]}.${match[5]}${match[6] ?? ''}`,
      }
    : undefined;
}

/**
 * The CloudEvents 1.0 context attributes the plugin needs (from a structured body or `ce-*`
 * headers): `id` and `source` together identify the event, so a repeat is recognised.
 * @public
 */
export const cloudEventAttributesSchema = z.object({
  specversion: z.literal('1.0', {
    errorMap: () => ({ message: "must be '1.0' (CloudEvents 1.0)" }),
  }),
  id: text(255),
  source: text(1024),
  type: text(255),
  time: timestampSchema.optional(),
});

/** A reference to another CDEvents subject: `{ id, source? }`. */
const subjectReference = z
  .object({ id: text(1024), source: text(1024).optional() })
  .passthrough();

/**
 * A CDEvent (the CloudEvent's `data`): `context`, `subject` and optional `customData`. The
 * plugin reads its overrides from `customData.releaseOrchestration`.
 * @public
 */
export const cdEventSchema = z
  .object({
    context: z
      .object({
        /** The spec version up to v0.4. */
        version: text(64).optional(),
        /** The spec version from v0.5 on. */
        specversion: text(64).optional(),
        id: text(255),
        source: text(1024),
        type: text(255),
        timestamp: timestampSchema,
      })
      .passthrough()
      .refine(c => c.version !== undefined || c.specversion !== undefined, {
        message: 'Required: version (CDEvents v0.4) or specversion (v0.5)',
        path: ['version'],
      }),
    subject: z
      .object({
        id: text(1024),
        source: text(1024).optional(),
        type: text(64).optional(),
        content: z.record(z.unknown()).default({}),
      })
      .passthrough(),
    customData: z.unknown().optional(),
  })
  .passthrough();

/**
 * What a producer may say about the plugin's model in `customData.releaseOrchestration`, where
 * the CDEvent alone does not say it (CDEvents know services and artifacts, not catalog entities).
 * @public
 */
export const cdEventOverridesSchema = z
  .object({
    component: z.string().max(MAX_ENTITY_REF_LENGTH).optional(),
    system: z.string().max(MAX_ENTITY_REF_LENGTH).optional(),
    version: z.string().max(128).optional(),
    environment: z.string().max(63).optional(),
    releaseId: z.string().uuid('must be a release id').optional(),
    evidenceType: z.string().max(64).optional(),
    commitSha: z.string().max(64).optional(),
    commitTime: timestampSchema.optional(),
    /** The artifact's digest, when the artifact's purl does not carry it. */
    artifactDigest: z
      .string()
      .regex(/^[a-z0-9]+:[A-Fa-f0-9]{32,128}$/, {
        message: "must be '<algorithm>:<hex>', e.g. sha256:9f86d0…",
      })
      .optional(),
    /** The test report evidence links to, when the test suite has no `uri`. */
    url: z.string().max(2048).optional(),
  })
  .strict();

/** `service.deployed|upgraded|rolledback|removed` content (0.1.x to 0.3.x). @public */
export const serviceEventContentSchema = z
  .object({ environment: subjectReference, artifactId: text(2048).optional() })
  .passthrough();

/** `incident.detected|reported|resolved` content (0.1.x to 0.3.x). @public */
export const incidentEventContentSchema = z
  .object({
    description: text(500).optional(),
    environment: subjectReference.optional(),
    service: subjectReference.optional(),
    artifactId: text(2048).optional(),
    ticketURI: text(2048).optional(),
  })
  .passthrough();

/** `testsuiterun.finished` content (0.1.x to 0.3.x). @public */
export const testSuiteRunFinishedContentSchema = z
  .object({
    environment: subjectReference.optional(),
    testSuite: z
      .object({
        id: text(1024),
        name: text(500).optional(),
        version: text(128).optional(),
        uri: text(2048).optional(),
      })
      .passthrough()
      .optional(),
    outcome: z.enum(['pass', 'fail', 'success', 'failure', 'cancel', 'error'], {
      errorMap: () => ({
        message:
          "must be 'pass', 'fail', 'cancel' or 'error' (v0.4), or 'success', 'failure', 'cancel' or 'error' (v0.5)",
      }),
    }),
    severity: z.string().optional(),
    reason: text(500).optional(),
    url: text(2048).optional(),
  })
  .passthrough();

/**
 * What `POST /cdevents` did with an event.
 * @public
 */
export interface CdEventResult {
  /** The CDEvent type as received, e.g. `dev.cdevents.service.deployed.0.2.0`. */
  type: string;
  outcome: 'created' | 'finished' | 'updated' | 'unchanged' | 'ignored';
  /** What it was recorded as. */
  recordedAs?: 'build' | 'deployment' | 'incident' | 'evidence';
  /** Id of the stored build, deployment, incident or evidence. */
  id?: string;
  /** With `ignored`: why. */
  reason?: string;
}
