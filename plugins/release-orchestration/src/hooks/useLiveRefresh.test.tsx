import { signalApiRef } from '@backstage/plugin-signals-react';
import { TestApiProvider } from '@backstage/test-utils';
import { act, renderHook } from '@testing-library/react';
import {
  RELEASE_ORCHESTRATION_SIGNAL_CHANNEL,
  ReleaseOrchestrationSignal,
} from '@release-orchestration/plugin-release-orchestration-common';
import { ReactNode } from 'react';
import {
  FALLBACK_POLL_MS,
  SIGNALLED_POLL_MS,
  useLiveRefresh,
} from './useLiveRefresh';

/** A signals API whose subscribers the test calls, as the signals plugin does on a message. */
function fakeSignals() {
  const subscribers = new Map<string, Set<(message: any) => void>>();
  return {
    api: {
      subscribe(channel: string, onMessage: (message: any) => void) {
        const set = subscribers.get(channel) ?? new Set();
        set.add(onMessage);
        subscribers.set(channel, set);
        return { unsubscribe: () => set.delete(onMessage) };
      },
    },
    send(channel: string, message: ReleaseOrchestrationSignal) {
      act(() => {
        for (const onMessage of subscribers.get(channel) ?? []) {
          onMessage(message);
        }
      });
    },
    count: (channel: string) => subscribers.get(channel)?.size ?? 0,
  };
}

const signal = (systemRef: string): ReleaseOrchestrationSignal => ({
  actions: ['approval.recorded'],
  systemRefs: [systemRef],
  subjectIds: ['p-1'],
});

function render(
  options: Parameters<typeof useLiveRefresh>[1],
  signals?: ReturnType<typeof fakeSignals>,
) {
  const refresh = jest.fn();
  const apis: any[] = signals ? [[signalApiRef, signals.api]] : [];
  const wrapper = ({ children }: { children: ReactNode }) => (
    <TestApiProvider apis={apis as any}>{children}</TestApiProvider>
  );
  const hook = renderHook(() => useLiveRefresh(refresh, options), {
    wrapper,
  });
  return { refresh, hook };
}

describe('useLiveRefresh', () => {
  afterEach(() => jest.useRealTimers());

  it('refreshes on each signal of its System, not on signals of another System or channel', () => {
    const signals = fakeSignals();
    const { refresh, hook } = render(
      { systemRef: 'system:default/payments' },
      signals,
    );
    expect(hook.result.current.live).toBe(true);
    expect(refresh).not.toHaveBeenCalled();

    signals.send(
      RELEASE_ORCHESTRATION_SIGNAL_CHANNEL,
      signal('system:default/payments'),
    );
    expect(refresh).toHaveBeenCalledTimes(1);
    signals.send(
      RELEASE_ORCHESTRATION_SIGNAL_CHANNEL,
      signal('system:default/checkout'),
    );
    signals.send('another-plugin:channel', signal('system:default/payments'));
    expect(refresh).toHaveBeenCalledTimes(1);
    signals.send(
      RELEASE_ORCHESTRATION_SIGNAL_CHANNEL,
      signal('system:default/payments'),
    );
    expect(refresh).toHaveBeenCalledTimes(2);

    hook.unmount();
    expect(signals.count(RELEASE_ORCHESTRATION_SIGNAL_CHANNEL)).toBe(0);
  });

  it('without a System, refreshes on every signal', () => {
    const signals = fakeSignals();
    const { refresh } = render({}, signals);
    signals.send(
      RELEASE_ORCHESTRATION_SIGNAL_CHANNEL,
      signal('system:default/checkout'),
    );
    signals.send(
      RELEASE_ORCHESTRATION_SIGNAL_CHANNEL,
      signal('system:default/payments'),
    );
    expect(refresh).toHaveBeenCalledTimes(2);
  });

  it('polls every minute when the app has no signals API', () => {
    jest.useFakeTimers();
    const { refresh, hook } = render({});
    expect(hook.result.current.live).toBe(false);
    act(() => {
      jest.advanceTimersByTime(FALLBACK_POLL_MS - 1);
    });
    expect(refresh).not.toHaveBeenCalled();
    act(() => {
      jest.advanceTimersByTime(1);
    });
    expect(refresh).toHaveBeenCalledTimes(1);
  });

  it('with signals, still polls every 5 minutes in case one was missed', () => {
    jest.useFakeTimers();
    const { refresh } = render({}, fakeSignals());
    act(() => {
      jest.advanceTimersByTime(FALLBACK_POLL_MS);
    });
    expect(refresh).not.toHaveBeenCalled();
    act(() => {
      jest.advanceTimersByTime(SIGNALLED_POLL_MS - FALLBACK_POLL_MS);
    });
    expect(refresh).toHaveBeenCalledTimes(1);
  });

  it('refreshes on signals only when polling is off', () => {
    jest.useFakeTimers();
    const signals = fakeSignals();
    const { refresh } = render({ pollIntervalMs: false }, signals);
    act(() => {
      jest.advanceTimersByTime(SIGNALLED_POLL_MS * 3);
    });
    expect(refresh).not.toHaveBeenCalled();
    signals.send(
      RELEASE_ORCHESTRATION_SIGNAL_CHANNEL,
      signal('system:default/checkout'),
    );
    expect(refresh).toHaveBeenCalledTimes(1);
  });
});
