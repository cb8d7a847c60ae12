import {
  generatorFingerprint,
  metadataMismatch,
  ScaleMetadata,
  scaleDatabaseName,
  scaleDatabaseUrl,
  WantedInstallation,
} from './scaleDatabases';

describe('scale databases', () => {
  it('names a database per scale on the server of --postgres, never the bench database', () => {
    expect(scaleDatabaseName(0.25)).toBe('ro_bench_scale_0_25');
    expect(scaleDatabaseName(1)).toBe('ro_bench_scale_1');
    expect(scaleDatabaseName(2)).toBe('ro_bench_scale_2');
    expect(
      scaleDatabaseUrl(
        'postgresql://postgres:p%40ss@db.example:5433/release_orchestration_bench',
        0.005,
      ),
    ).toBe('postgresql://postgres:p%40ss@db.example:5433/ro_bench_scale_0_005');
    expect(() => scaleDatabaseName(0)).toThrow('not a scale');
  });

  const wanted: WantedInstallation = {
    scale: 0.25,
    seed: 1,
    end: '2026-11-01T00:00:00.000Z',
    rollups: 'generate',
    generator: 'abc',
  };
  const recorded = {
    kind: 'release-orchestration-bench-installation',
    ...wanted,
    manifest: {} as ScaleMetadata['manifest'],
  } as ScaleMetadata;

  it('reuses a database whose record matches, and says why not otherwise', () => {
    expect(metadataMismatch(recorded, wanted)).toBeUndefined();
    expect(metadataMismatch(undefined, wanted)).toBe(
      'no completed load recorded',
    );
    expect(metadataMismatch({ ...recorded, seed: 2 }, wanted)).toBe(
      'seed 2 was loaded, 1 is wanted',
    );
    expect(metadataMismatch({ ...recorded, scale: 1 }, wanted)).toBe(
      'scale 1 was loaded, 0.25 is wanted',
    );
    expect(metadataMismatch({ ...recorded, generator: 'def' }, wanted)).toMatch(
      /^generator def was loaded, abc is wanted \(the generator/,
    );
    expect(
      metadataMismatch({ ...recorded, generator: 'def' }, wanted, {
        ignoreGenerator: true,
      }),
    ).toBeUndefined();
    expect(
      metadataMismatch({ ...recorded, seed: 2 }, wanted, {
        ignoreGenerator: true,
      }),
    ).toBe('seed 2 was loaded, 1 is wanted');
    expect(
      metadataMismatch({ ...recorded, kind: 'other' } as any, wanted),
    ).toBe('its comment is not a bench installation record');
  });

  it('fingerprints the generator the same way twice', () => {
    const a = generatorFingerprint();
    expect(a).toMatch(/^[0-9a-f]{16}$/);
    expect(generatorFingerprint()).toBe(a);
  });
});
