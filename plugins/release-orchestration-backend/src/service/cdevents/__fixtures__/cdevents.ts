/*
 * Example CDEvents written for these tests following the CDEvents specification v0.4
 * (context version 0.4.1; subject event versions as listed in that release), not copied from it.
 */

const DIGEST = `sha256:${'9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08'}`;

/** The purl of the api image at 1.4.0 (the digest is percent-encoded, as purls encode ':'). */
export const API_PURL = `pkg:oci/api@${encodeURIComponent(
  DIGEST,
)}?repository_url=registry.example/shop/api&tag=1.4.0`;
export const API_DIGEST = DIGEST;

/** A CDEvent of a type, with a subject and the plugin's overrides in customData. */
export function cdevent(
  type: string,
  subject: {
    id: string;
    source?: string;
    type?: string;
    content: Record<string, unknown>;
  },
  options: {
    id?: string;
    timestamp?: string;
    overrides?: Record<string, unknown>;
  } = {},
) {
  return {
    context: {
      version: '0.4.1',
      id: options.id ?? '271069a8-fc18-44f1-b38f-9d70a1695819',
      source: '/tekton/cluster-1/pipelines',
      type,
      timestamp: options.timestamp ?? '2026-11-20T10:04:00Z',
    },
    subject: { source: '/tekton/cluster-1/pipelines', ...subject },
    ...(options.overrides
      ? { customData: { releaseOrchestration: options.overrides } }
      : {}),
  };
}

/** `service.deployed` 0.2.0: the api image running in an environment. */
export function serviceDeployed(
  environment: string,
  options: Parameters<typeof cdevent>[2] = {},
) {
  return cdevent(
    'dev.cdevents.service.deployed.0.2.0',
    {
      id: 'service/api',
      type: 'service',
      content: {
        environment: { id: environment, source: '/clusters/eu-1' },
        artifactId: API_PURL,
      },
    },
    options,
  );
}

/** `artifact.packaged` 0.2.0: the api image built from a commit. */
export function artifactPackaged(options: Parameters<typeof cdevent>[2] = {}) {
  return cdevent(
    'dev.cdevents.artifact.packaged.0.2.0',
    {
      id: API_PURL,
      type: 'artifact',
      content: { change: { id: 'change-881', source: 'github.com/acme/api' } },
    },
    {
      overrides: {
        commitSha: '4e1c2f0d9a',
        commitTime: '2026-11-20T09:00:00Z',
      },
      ...options,
    },
  );
}

/** `incident.detected|reported|resolved` 0.2.0 (CDEvents v0.4.1) on the api service. */
export function incident(
  predicate: 'detected' | 'reported' | 'resolved',
  options: Parameters<typeof cdevent>[2] = {},
) {
  return cdevent(
    `dev.cdevents.incident.${predicate}.0.2.0`,
    {
      id: 'incident-42',
      type: 'incident',
      content: {
        description: 'Checkout errors above 5%',
        environment: { id: 'production' },
        service: { id: 'service/api' },
        ...(predicate === 'reported'
          ? { ticketURI: 'https://tickets.example/INC-42' }
          : {}),
      },
    },
    options,
  );
}

/** `testsuiterun.finished` 0.2.0 with an outcome. */
export function testSuiteRunFinished(
  outcome: string,
  releaseId: string,
  options: Parameters<typeof cdevent>[2] = {},
) {
  return cdevent(
    'dev.cdevents.testsuiterun.finished.0.2.0',
    {
      id: 'run-7',
      type: 'testSuiteRun',
      content: {
        environment: { id: 'dev' },
        testSuite: {
          id: 'api-unit',
          name: 'api unit tests',
          uri: 'https://ci.example/api/tests',
        },
        outcome,
      },
    },
    {
      overrides: {
        releaseId,
        evidenceType: 'unit-tests',
        url: 'https://ci.example/api/runs/7',
      },
      ...options,
    },
  );
}
