import { Evidence } from '@release-orchestration/plugin-release-orchestration-common';
import { summarizeEvidence } from './summarizeEvidence';

const item = (
  type: string,
  status: Evidence['status'],
  environment?: string,
): Evidence => ({
  id: `${type}-${status}-${environment}`,
  releaseId: 'r1',
  type,
  status,
  url: 'https://ci.example',
  summary: 's',
  ...(environment ? { environment } : {}),
  createdBy: 'service:ci',
  createdAt: '2026-11-01T00:00:00.000Z',
});

describe('summarizeEvidence', () => {
  it('counts by status and names required types without a passing newest record', () => {
    // newest first
    const evidence = [
      item('security-scan', 'fail', 'production'),
      item('security-scan', 'pass'),
      item('unit-tests', 'pass', 'staging'),
      item('smoke', 'warn'),
    ];
    expect(
      summarizeEvidence(evidence, 'production', [
        'unit-tests',
        'security-scan',
        'smoke',
      ]),
    ).toEqual({
      counts: { pass: 2, fail: 1, warn: 1 },
      missingRequired: ['unit-tests', 'security-scan', 'smoke'],
    });
    expect(
      summarizeEvidence(evidence, 'staging', ['unit-tests', 'security-scan']),
    ).toEqual({
      counts: { pass: 2, fail: 1, warn: 1 },
      missingRequired: [],
    });
  });
});
