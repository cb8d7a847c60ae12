import { canonicalManifestText, manifestDigest } from './manifestDigest';

const hex = (c: string) => c.repeat(64);

describe('manifestDigest', () => {
  it('hashes one sorted line per component with the artifact digest in lower case', () => {
    const manifest = [
      {
        componentRef: 'component:default/web',
        artifactDigest: `sha256:${hex('B')}`,
      },
      {
        componentRef: 'component:default/api',
        artifactDigest: `sha256:${hex('b')}`,
      },
    ];
    expect(canonicalManifestText(manifest)).toBe(
      `component:default/api sha256:${hex(
        'b',
      )}\ncomponent:default/web sha256:${hex('b')}\n`,
    );
    // sha256 of the text above, computed with Python's hashlib
    expect(manifestDigest(manifest)).toBe(
      'sha256:83dba122ea613ac43b07add78a5d6a755852dfca0a481d52fd274650a362b08e',
    );
  });

  it('changes when an artifact changes and not when only the order does', () => {
    const a = {
      componentRef: 'component:default/a',
      artifactDigest: `sha256:${hex('1')}`,
    };
    const b = {
      componentRef: 'component:default/b',
      artifactDigest: `sha256:${hex('2')}`,
    };
    expect(manifestDigest([a, b])).toBe(manifestDigest([b, a]));
    expect(
      manifestDigest([a, { ...b, artifactDigest: `sha256:${hex('3')}` }]),
    ).not.toBe(manifestDigest([a, b]));
    expect(manifestDigest([])).toBe(
      'sha256:e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855',
    );
  });
});
