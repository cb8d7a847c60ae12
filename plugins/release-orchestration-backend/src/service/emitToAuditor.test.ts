import { mockServices } from '@backstage/backend-test-utils';
import { AuditEvent } from '@release-orchestration/plugin-release-orchestration-common';
import { AUDITOR_EVENTS_PER_TURN, emitToAuditor } from './emitToAuditor';

function event(sequence: number, action = 'build.reported'): AuditEvent {
  return {
    id: `e${sequence}`,
    sequence,
    actor: 'service:ci',
    action,
    entityRef: 'system:default/shop',
    subjectType: 'build',
    subjectId: `b${sequence}`,
    summary: `Build ${sequence}`,
    createdAt: '2026-12-07T00:00:00.000Z',
    prevHash: `h${sequence - 1}`,
    hash: `h${sequence}`,
  };
}

/** An auditor that records the sequence of each event it is given, and fails on one. */
function recordingAuditor(failOn?: number) {
  const emitted: Array<{ sequence: number; turn: number }> = [];
  let turn = 0;
  const auditor = {
    async createEvent(options: { eventId: string; meta?: any }) {
      if (options.meta.sequence === failOn) {
        throw new Error('auditor down');
      }
      return {
        async success() {
          emitted.push({ sequence: options.meta.sequence, turn });
        },
        async fail() {},
      };
    },
  };
  const turns: Array<() => void> = [];
  const nextTurn = () =>
    new Promise<void>(resolve => {
      turns.push(() => {
        turn += 1;
        resolve();
      });
    });
  /** Lets the waiting drain go on, and its microtasks run. */
  const step = async () => {
    turns.shift()?.();
    await new Promise(resolve => setImmediate(resolve));
  };
  return { auditor: auditor as any, emitted, nextTurn, step, turns };
}

/** An auditor that keeps what each event was created with. */
function creatingAuditor() {
  const created: any[] = [];
  const auditor = {
    async createEvent(options: any) {
      created.push(options);
      return { async success() {}, async fail() {} };
    },
  } as any;
  return { auditor, created };
}

describe('emitToAuditor', () => {
  it('sends committed events in their order, a group per turn of the event loop, so a large commit does not hold up the process', async () => {
    const { auditor, emitted, nextTurn, step, turns } = recordingAuditor();
    const emit = emitToAuditor(auditor, mockServices.logger.mock(), nextTurn);
    const first = Array.from({ length: 120 }, (_, i) => event(i + 1));
    // Three commits of 40 events, each sent event by event.
    emit(first.slice(0, 40));
    emit(first.slice(40, 80));
    emit(first.slice(80));
    await new Promise(resolve => setImmediate(resolve));
    // The first commit went out at once; the rest waits for the next turns.
    expect(emitted.map(e => e.sequence)).toEqual(
      first.slice(0, 40).map(e => e.sequence),
    );
    // Events committed meanwhile queue behind those.
    emit([event(121), event(122)]);
    while (turns.length > 0) {
      await step();
    }
    expect(emitted.map(e => e.sequence)).toEqual(
      Array.from({ length: 122 }, (_, i) => i + 1),
    );
    const perTurn = new Map<number, number>();
    for (const { turn } of emitted) {
      perTurn.set(turn, (perTurn.get(turn) ?? 0) + 1);
    }
    // At most AUDITOR_EVENTS_PER_TURN a turn.
    expect([...perTurn.values()]).toEqual([40, AUDITOR_EVENTS_PER_TURN, 32]);

    // Idle again: the next commit goes out at once.
    emit([event(123)]);
    await new Promise(resolve => setImmediate(resolve));
    expect(emitted.map(e => e.sequence).slice(-1)).toEqual([123]);
  });

  it('sends a large commit (a bulk import batch) as one auditor event per action, with how many and which sequences', async () => {
    const { auditor, created } = creatingAuditor();
    const events = Array.from({ length: 60 }, (_, i) => ({
      ...event(i + 1, i % 3 === 0 ? 'build.reported' : 'deployment.succeeded'),
      entityRef: `system:default/s${i % 25}`,
    }));
    emitToAuditor(auditor, mockServices.logger.mock())(events);
    await new Promise(resolve => setImmediate(resolve));
    expect(created.map(c => [c.eventId, c.meta.count])).toEqual([
      ['build-reported', 20],
      ['deployment-succeeded', 40],
    ]);
    expect(created[1]).toEqual({
      eventId: 'deployment-succeeded',
      severityLevel: 'medium',
      meta: expect.objectContaining({
        actor: 'service:ci',
        action: 'deployment.succeeded',
        count: 40,
        firstSequence: 2,
        lastSequence: 60,
        hash: 'h60',
        moreEntityRefs: 5,
        summary:
          '40 deployment.succeeded events committed together (audit sequences 2 to 60)',
      }),
    });
    expect(created[1].meta.entityRefs).toHaveLength(20);
    // A commit of 50 events is still sent event by event.
    created.length = 0;
    emitToAuditor(auditor, mockServices.logger.mock())(events.slice(0, 50));
    await new Promise(resolve => setImmediate(resolve));
    expect(created).toHaveLength(50);
  });

  it('logs an event the auditor refuses and sends the ones after it', async () => {
    const { auditor, emitted, nextTurn } = recordingAuditor(2);
    const logger = mockServices.logger.mock();
    emitToAuditor(auditor, logger, nextTurn)([event(1), event(2), event(3)]);
    await new Promise(resolve => setImmediate(resolve));
    expect(emitted.map(e => e.sequence)).toEqual([1, 3]);
    expect(logger.warn).toHaveBeenCalledWith(
      expect.stringContaining(
        'audit event 2 (build.reported): Error: auditor down',
      ),
    );
  });

  it('maps an event to the auditor: kebab-case id, high severity for overrides', async () => {
    const { auditor, created } = creatingAuditor();
    emitToAuditor(
      auditor,
      mockServices.logger.mock(),
    )([event(1, 'promotion.override')]);
    await new Promise(resolve => setImmediate(resolve));
    expect(created).toEqual([
      expect.objectContaining({
        eventId: 'promotion-override',
        severityLevel: 'high',
        meta: expect.objectContaining({ sequence: 1, hash: 'h1' }),
      }),
    ]);
  });
});
