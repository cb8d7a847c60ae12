import request from 'supertest';
import { base } from './promotionHarness';

/** `GET /systems/default/shop/sources` of a started plugin backend: the body. */
export async function shopSources(server: any) {
  return (await request(server).get(`${base}/systems/default/shop/sources`))
    .body;
}

/**
 * The shop System's sources once the DORA catch-up has emptied its backlog (`doraBacklog` gone),
 * or after 20 s, whichever comes first: the caller asserts which.
 */
export async function shopSourcesAfterCatchUp(server: any) {
  const waited = Date.now();
  let body = await shopSources(server);
  while (body.doraBacklog && Date.now() - waited < 20_000) {
    await new Promise(resolve => setTimeout(resolve, 100));
    body = await shopSources(server);
  }
  return body;
}
