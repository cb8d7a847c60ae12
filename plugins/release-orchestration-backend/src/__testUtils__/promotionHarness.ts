import { mockCredentials } from '@backstage/backend-test-utils';
import request from 'supertest';
import { buildInput } from './fixtures';

/** The API base path. */
export const base = '/api/release-orchestration';
/** The CI service principal's Authorization header. */
export const ci = mockCredentials.service.header();

/** The Authorization header of a user: `rita` becomes user:default/rita. */
export function as(user: string) {
  return mockCredentials.user.header(`user:default/${user}`);
}

/** Lanes dev -> staging -> production; production needs two approvals from release-managers. */
export const promotionTestConfig = {
  releaseOrchestration: {
    environments: [
      { name: 'dev' },
      { name: 'staging', requiredEvidence: ['unit-tests'] },
      {
        name: 'production',
        approvers: ['group:default/release-managers'],
        minApprovals: 2,
        separationOfDuties: true,
        requiredEvidence: ['unit-tests', 'security-scan'],
        rollback: { minApprovals: 1, requiredEvidence: [] },
      },
    ],
    policies: {
      regulated: {
        environments: {
          production: {
            minApprovals: 3,
            requiredEvidence: ['unit-tests', 'security-scan', 'change-ticket'],
          },
        },
      },
    },
  },
};

/** HTTP shortcuts against one test backend. */
export function promotionApi(server: any) {
  const post = (path: string, body: object, auth = ci) =>
    request(server)
      .post(`${base}${path}`)
      .set('Authorization', auth)
      .send(body);
  const get = (path: string, auth?: string) => {
    const req = request(server).get(`${base}${path}`);
    return auth ? req.set('Authorization', auth) : req;
  };
  const del = (path: string, auth = ci) =>
    request(server).delete(`${base}${path}`).set('Authorization', auth);
  const api = {
    post,
    get,
    del,
    /** Reports builds of shop's components and cuts release `version` as user:default/mock. */
    async cutRelease(version: string, apiVersion = version) {
      for (const [component, v] of [
        ['api', apiVersion],
        ['web', '2.0.0'],
        ['worker', '0.9.0'],
      ]) {
        await post('/builds', buildInput(component, v));
      }
      const res = await request(server)
        .post(`${base}/releases`)
        .send({ system: 'system:default/shop', version });
      if (res.status !== 201) {
        throw new Error(
          `cutting ${version}: ${res.status} ${JSON.stringify(res.body)}`,
        );
      }
      return res.body as { id: string; version: string };
    },
    /** Attaches passing evidence of the given types. */
    async attachPassing(releaseId: string, ...types: string[]) {
      for (const type of types) {
        const res = await post(`/releases/${releaseId}/evidence`, {
          type,
          status: 'pass',
          url: `https://ci.example/${type}`,
          summary: `${type} passed`,
        });
        if (res.status !== 201) {
          throw new Error(
            `evidence ${type}: ${res.status} ${JSON.stringify(res.body)}`,
          );
        }
      }
    },
    /** Requests a promotion as `user`. */
    request(
      releaseId: string,
      environment: string,
      user = 'dev1',
      extra: object = {},
    ) {
      return post(
        `/releases/${releaseId}/promotions`,
        { environment, ...extra },
        as(user),
      );
    },
    vote(
      promotionId: string,
      user: string,
      decision: 'approve' | 'reject' = 'approve',
      comment?: string,
    ) {
      return post(
        `/promotions/${promotionId}/approvals`,
        { decision, ...(comment ? { comment } : {}) },
        as(user),
      );
    },
    /** Walks an approved promotion through deploying to succeeded as CI. */
    async deploy(
      promotionId: string,
      outcome: 'succeeded' | 'failed' = 'succeeded',
    ) {
      for (const to of ['deploying', outcome]) {
        const res = await post(`/promotions/${promotionId}/transitions`, {
          to,
        });
        if (res.status !== 200) {
          throw new Error(
            `transition to ${to}: ${res.status} ${JSON.stringify(res.body)}`,
          );
        }
      }
    },
    /** Requests, approves (with `approvers`) and deploys a promotion successfully. */
    async promote(
      releaseId: string,
      environment: string,
      approvers: string[] = [],
    ) {
      const res = await api.request(releaseId, environment);
      if (res.status !== 201) {
        throw new Error(
          `promoting to ${environment}: ${res.status} ${JSON.stringify(
            res.body,
          )}`,
        );
      }
      for (const approver of approvers) {
        await api.vote(res.body.id, approver);
      }
      await api.deploy(res.body.id);
      return res.body.id as string;
    },
  };
  return api;
}
