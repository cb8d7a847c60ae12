import { ConfigReader } from '@backstage/config';
import {
  defaultAfter,
  lastLanesOf,
  orderLaneGraph,
  predecessorsOf,
} from './laneGraph';
import { readEnvironments } from './readEnvironments';

const KEY = 'releaseOrchestration.environments';
const read = (environments: any) =>
  readEnvironments(
    new ConfigReader({ releaseOrchestration: { environments } }),
  );

describe('lane graph', () => {
  it('defaults each lane to come after the lane listed before it', () => {
    expect(
      defaultAfter([{ name: 'dev' }, { name: 'staging' }, { name: 'prod' }]),
    ).toEqual([
      { name: 'dev', after: [] },
      { name: 'staging', after: ['dev'] },
      { name: 'prod', after: ['staging'] },
    ]);
  });

  it('reads a fan-out: two production lanes after staging, each gated on staging', () => {
    const envs = read([
      { name: 'dev' },
      { name: 'staging' },
      { name: 'production-eu', after: ['staging'] },
      { name: 'production-us', after: ['staging'] },
    ]);
    expect(
      envs.map(e => [e.name, e.after, e.requirePreviousEnvironment]),
    ).toEqual([
      ['dev', [], false],
      ['staging', ['dev'], true],
      ['production-eu', ['staging'], true],
      ['production-us', ['staging'], true],
    ]);
    expect(predecessorsOf(envs, 'production-us').map(e => e.name)).toEqual([
      'staging',
    ]);
    expect(lastLanesOf(envs).map(e => e.name)).toEqual([
      'production-eu',
      'production-us',
    ]);
  });

  it('orders lanes after their predecessors, otherwise as listed (fan-in of two lanes)', () => {
    const envs = read([
      { name: 'global', after: ['eu', 'us'] },
      { name: 'eu', after: [] },
      { name: 'us', after: [] },
    ]);
    expect(envs.map(e => e.name)).toEqual(['eu', 'us', 'global']);
    expect(predecessorsOf(envs, 'global').map(e => e.name)).toEqual([
      'eu',
      'us',
    ]);
    expect(envs[0].requirePreviousEnvironment).toBe(false);
    expect(envs[2].requirePreviousEnvironment).toBe(true);
    expect(lastLanesOf(envs).map(e => e.name)).toEqual(['global']);
  });

  it('keeps a config without after exactly the line it was', () => {
    const envs = read([{ name: 'a' }, { name: 'b' }, { name: 'c' }]);
    expect(envs.map(e => [e.name, e.after])).toEqual([
      ['a', []],
      ['b', ['a']],
      ['c', ['b']],
    ]);
    expect(
      readEnvironments(new ConfigReader({})).map(e => [e.name, e.after]),
    ).toEqual([
      ['dev', []],
      ['staging', ['dev']],
      ['production', ['staging']],
    ]);
  });

  it('refuses an unknown lane in after, naming the key and the lanes', () => {
    expect(() =>
      read([{ name: 'dev' }, { name: 'prod', after: ['stagin'] }]),
    ).toThrow(
      `${KEY}[1].after[0]: 'stagin' is not a configured environment; the lanes are dev, prod`,
    );
  });

  it('refuses a lane after itself and a lane named twice', () => {
    expect(() => read([{ name: 'dev', after: ['dev'] }])).toThrow(
      `${KEY}[0].after[0]: lane 'dev' cannot come after itself`,
    );
    expect(() =>
      read([{ name: 'dev' }, { name: 'prod', after: ['dev', 'dev'] }]),
    ).toThrow(`${KEY}[1].after[1]: 'dev' is listed twice`);
  });

  it('refuses a cycle, naming the lanes in it', () => {
    expect(() =>
      read([
        { name: 'a', after: ['c'] },
        { name: 'b', after: ['a'] },
        { name: 'c', after: ['b'] },
      ]),
    ).toThrow(
      `${KEY}[0].after: the lanes form a cycle (a → b → c → a); a release could never enter them`,
    );
    expect(() =>
      orderLaneGraph(
        [
          { name: 'x', after: [] },
          { name: 'y', after: ['x', 'z'] },
          { name: 'z', after: ['y'] },
        ],
        KEY,
      ),
    ).toThrow(/cycle \(y → z → y\)/);
  });

  it('refuses a soak time on a lane that comes after no lane', () => {
    expect(() =>
      read([{ name: 'dev' }, { name: 'eu', after: [], minSoak: '1h' }]),
    ).toThrow(
      `${KEY}[1].minSoak: 'eu' (after: []) has no previous lane to soak in`,
    );
  });
});
