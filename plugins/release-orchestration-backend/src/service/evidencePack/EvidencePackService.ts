import { Stores } from '../../database/types';
import { manifestDigest } from '../../manifest/manifestDigest';
import { ReleaseService } from '../ReleaseService';

/** The most deployments, incidents and audit events one pack carries. */
export const EVIDENCE_PACK_LIMIT = 5_000;

/**
 * Everything an auditor needs about one release in one JSON document (docs/releases.md):
 * the manifest and its digest, evidence, promotions with approvals and transitions, deployments,
 * incidents, and the release's audit events exactly as stored, with the chain head, so the
 * events can be checked offline (`release-orchestration verify-evidence-pack`).
 */
export class EvidencePackService {
  constructor(
    private readonly stores: Stores,
    private readonly releases: ReleaseService,
    private readonly now: () => Date = () => new Date(),
  ) {}

  async build(id: string) {
    const release = await this.releases.getDetails(id);
    const { deploymentIds, incidentIds } = await this.stores.releases.recordIds(
      id,
      EVIDENCE_PACK_LIMIT,
    );
    const [deployments, incidents] = await Promise.all([
      Promise.all(deploymentIds.map(d => this.stores.deployments.get(d))),
      Promise.all(incidentIds.map(i => this.stores.incidents.get(i))),
    ]);
    const found = <T>(items: Array<T | undefined>) =>
      items.filter((x): x is T => x !== undefined);
    const subjects = [
      { type: 'release', ids: [id] },
      { type: 'evidence', ids: release.evidence.map(e => e.id) },
      { type: 'promotion', ids: release.promotions.map(p => p.id) },
      { type: 'deployment', ids: deploymentIds },
      { type: 'incident', ids: incidentIds },
    ];
    const [events, head] = await Promise.all([
      this.stores.audit.readSubjectEvents(subjects, EVIDENCE_PACK_LIMIT),
      this.stores.audit.readHead(),
    ]);
    return {
      format: 'release-orchestration/evidence-pack@1' as const,
      generatedAt: this.now().toISOString(),
      release,
      manifestDigest: release.manifestDigest,
      recomputedManifestDigest: manifestDigest(release.components),
      deployments: found(deployments),
      incidents: found(incidents),
      audit: {
        hashing:
          'v2: HMAC-SHA256(secret of key_id, JSON.stringify(["v2", key_id, prev_hash, sequence, id, actor, action, entity_ref, subject_type, subject_id, summary, data, created_at])); key_id null: sha256 of the same list without "v2" and key_id, created_at in milliseconds (docs/audit-trail.md)',
        head,
        events,
        truncated: events.length >= EVIDENCE_PACK_LIMIT,
      },
    };
  }
}
