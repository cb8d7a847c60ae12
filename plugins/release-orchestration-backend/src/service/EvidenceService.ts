import { newId } from '../database/newId';
import { InputError, NotFoundError } from '@backstage/errors';
import {
  attachEvidenceRequestSchema,
  Evidence,
} from '@release-orchestration/plugin-release-orchestration-common';
import { z } from 'zod';
import { Stores } from '../database/types';
import { EventPublisher } from './EventPublisher';

/** A validated `POST /releases/{id}/evidence` body. */
export type AttachEvidenceInput = z.output<typeof attachEvidenceRequestSchema>;

/** Rules for evidence: attached to an existing release, for a configured lane, never changed. */
export class EvidenceService {
  constructor(
    private readonly stores: Stores,
    private readonly environments: string[],
    private readonly events: EventPublisher,
    private readonly now: () => Date = () => new Date(),
  ) {}

  async attach(
    releaseId: string,
    input: AttachEvidenceInput,
    actor: string,
  ): Promise<Evidence> {
    const release = await this.stores.releases.get(releaseId);
    if (!release) {
      throw new NotFoundError(`No release with id ${releaseId}`);
    }
    if (input.environment && !this.environments.includes(input.environment)) {
      throw new InputError(
        `environment: '${
          input.environment
        }' is not a configured environment; the lanes are ${this.environments.join(
          ', ',
        )}`,
      );
    }
    const createdAt = this.now().toISOString();
    const { evidence, event } = await this.stores.transaction(async tx => {
      const stored = await tx.evidence.insert({
        id: newId(),
        releaseId,
        type: input.type,
        status: input.status,
        url: input.url,
        summary: input.summary,
        environment: input.environment,
        contentDigest: input.contentDigest,
        createdBy: actor,
        createdAt,
      });
      const appended = await tx.audit.append({
        actor,
        action: 'evidence.attached',
        entityRef: release.systemRef,
        subjectType: 'evidence',
        subjectId: stored.id,
        summary: `${input.type} evidence (${input.status}) attached to ${
          release.systemRef
        } ${release.version}${
          input.environment ? ` for ${input.environment}` : ''
        }: ${input.summary}`,
        data: {
          releaseId,
          type: input.type,
          status: input.status,
          url: input.url,
          ...(input.environment ? { environment: input.environment } : {}),
          ...(input.contentDigest
            ? { contentDigest: input.contentDigest }
            : {}),
        },
        createdAt,
      });
      return { evidence: stored, event: appended };
    });
    await this.events.publish([event]);
    return evidence;
  }
}
