import { ConfigReader } from '@backstage/config';
import { readAnswerWaitMs } from './readIdempotencyConfig';

const read = (answerWaitSeconds: unknown) =>
  readAnswerWaitMs(
    new ConfigReader({
      releaseOrchestration: { idempotency: { answerWaitSeconds } },
    } as any),
  );

describe('readAnswerWaitMs', () => {
  it('is undefined when not set, so the service waits its default', () => {
    expect(readAnswerWaitMs(new ConfigReader({}))).toBeUndefined();
  });

  it('reads seconds, fractions too, as milliseconds', () => {
    expect([read(5), read(0.25), read(300)]).toEqual([5000, 250, 300000]);
  });

  it('refuses anything else, naming the key', () => {
    for (const bad of [0, -1, 301, '5', true]) {
      expect(() => read(bad)).toThrow(
        /^releaseOrchestration\.idempotency\.answerWaitSeconds: must be a number of seconds above 0 and at most 300, got /,
      );
    }
  });
});
