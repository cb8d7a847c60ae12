// @ts-check
/*
 * What CI does before a journey's person arrives: cut a release with passing evidence and take
 * it through the first lanes with the CI token (journeys 03, 10, 15, 17 and 18).
 */

/**
 * @typedef {import('./run.mjs').Toolkit} Toolkit
 * @typedef {{ id: string, environment: string, state: string }} Promotion
 */

/** The current UTC time as `YYYYMMDDhhmmss`: makes a journey's versions unique per run. */
export function utcStamp() {
  return new Date().toISOString().replace(/[-:T]/g, '').slice(0, 14);
}

/**
 * CI cuts a release of `system` and keeps it in `t.state.release`; attaches each `evidence`
 * as passing (its URL under https://ci.acme.example/<system name>/<version>/); then, lane by
 * lane in `through`, asks for a promotion, which must be approved (or be approved by `approve`
 * when it waits for a vote), moves it through deploying to succeeded and, with
 * `reportDeployments`, reports the deployment there as succeeded.
 *
 * @param {Toolkit} t
 * @param {{
 *   system: string,
 *   version: string,
 *   riskClass?: string,
 *   notes: string,
 *   evidence?: { type: string, summary: string }[],
 *   through?: string[],
 *   approve?: (promotion: Promotion) => Promise<Promotion>,
 *   reportDeployments?: boolean,
 * }} options
 * @returns {Promise<any>} the release as the API returned it
 */
export async function ciCutsRelease(t, options) {
  const { system, version, evidence = [], through = [] } = options;
  const release = await t.api('POST', '/releases', {
    system,
    version,
    ...(options.riskClass ? { riskClass: options.riskClass } : {}),
    notes: options.notes,
  });
  t.state.release = release;
  const systemName = system.replace(/^system:[^/]+\//, '');
  for (const { type, summary } of evidence) {
    await t.api('POST', `/releases/${release.id}/evidence`, {
      type,
      status: 'pass',
      url: `https://ci.acme.example/${systemName}/${version}/${type}`,
      summary,
    });
  }
  for (const environment of through) {
    /** @type {Promotion} */
    let promotion = await t.api('POST', `/releases/${release.id}/promotions`, {
      environment,
    });
    if (promotion.state !== 'approved' && options.approve) {
      promotion = await options.approve(promotion);
    }
    if (promotion.state !== 'approved') {
      throw new Error(`${environment} promotion is ${promotion.state}`);
    }
    await t.api('POST', `/promotions/${promotion.id}/transitions`, {
      to: 'deploying',
    });
    const done = await t.api(
      'POST',
      `/promotions/${promotion.id}/transitions`,
      { to: 'succeeded' },
    );
    if (done.state !== 'succeeded') {
      throw new Error(`${environment}: ${done.state}`);
    }
    if (options.reportDeployments) {
      await t.api('POST', '/deployments', {
        idempotencyKey: `e2e:${version}:${environment}`,
        environment,
        releaseId: release.id,
        promotionId: promotion.id,
        status: 'succeeded',
      });
    }
  }
  if (through.length > 0) {
    t.log(
      `release ${version} (${release.id}) succeeded in ${through.join(
        ' and ',
      )}`,
    );
  }
  return release;
}
