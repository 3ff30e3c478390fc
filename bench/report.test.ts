/**
 * The report never puts one run's commit, mode or machine on figures another run measured:
 * each part is shown with its own provenance.
 */
import { describe, expect, it } from 'vitest';
import { renderReport } from './report.mjs';

const host = { cpu: 'Test CPU', cores: 2, memoryGiB: 8, os: 'linux', node: 'v22.0.0' };

function part(commit: string, mode: string, startedAt: string, extra: Record<string, unknown> = {}) {
  return { error: 'not measured in this fixture', seconds: 9, provenance: { commit, uncommittedChanges: false, mode, startedAt, loadBefore: [0.5, 0.4, 0.3], loadAfter: [0.6, 0.5, 0.3], machine: host, ...extra } };
}

describe('the benchmark report', () => {
  const report = renderReport({
    lastRun: { startedAt: '2026-11-30T10:00:00.000Z', mode: 'quick', only: ['scale'], parts: ['scale'], seconds: 12, machine: host },
    parts: {
      api: part('aaaaaaa', 'full', '2026-11-20T08:00:00.000Z', { loadBefore: [3.5], loadAfter: undefined, reconstructed: 'from an earlier run' }),
      scale: part('bbbbbbb', 'quick', '2026-11-30T10:00:00.000Z'),
    },
  });

  it('shows every part with its own commit, time and mode, and the last run only as what it measured', () => {
    expect(report).toMatch(/\| api \| `aaaaaaa` \| 2026-11-20 08:00 UTC \| full \|/);
    expect(report).toMatch(/\| scale \| `bbbbbbb` \| 2026-11-30 10:00 UTC \| quick \|/);
    expect(report).toContain('`--only scale`) measured scale in 12 s');
    expect(report).not.toMatch(/\| commit \| /);
  });

  it('marks a part measured on a busy machine and one whose provenance was reconstructed', () => {
    expect(report).toMatch(/\| api \|[^\n]*3\.5 \(busy\) \| not recorded \| 9 ¹ \|/);
    expect(report).toContain('¹ Measured before each part recorded its own provenance');
    expect(report).toContain('_Measured at commit `aaaaaaa`, 2026-11-20 08:00 UTC, full mode');
    expect(report).toContain('_Measured at commit `bbbbbbb`, 2026-11-30 10:00 UTC, quick mode');
  });
});
