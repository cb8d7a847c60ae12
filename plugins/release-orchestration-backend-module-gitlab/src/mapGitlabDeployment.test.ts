import { gitlabLane } from './mapGitlabDeployment';

describe('gitlabLane', () => {
  it('prefers the configured lane, then the tier, then the shared name defaults', () => {
    const configured = { 'eu-live': 'production' };
    expect(gitlabLane('EU-Live', 'staging', configured)).toBe('production');
    expect(gitlabLane('k8s-main', 'production', configured)).toBe('production');
    expect(gitlabLane('review/x', 'development', configured)).toBe('dev');
    expect(gitlabLane('qa', 'testing', configured)).toBe('test');
    expect(gitlabLane('stage', 'other', configured)).toBe('staging');
    expect(gitlabLane('Canary', undefined, configured)).toBe('canary');
  });
});
