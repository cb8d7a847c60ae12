import fs from 'node:fs';
import path from 'node:path';

/** The parts of a V8 `.cpuprofile` (as `node --cpu-prof` writes it) that self time needs. */
export interface CpuProfile {
  nodes: Array<{
    id: number;
    callFrame: {
      functionName: string;
      url: string;
      lineNumber: number;
    };
    hitCount?: number;
  }>;
  startTime: number;
  endTime: number;
  samples?: number[];
  timeDeltas?: number[];
}

/** A frame's name as the results show it: function, then the file below node_modules or the repo. */
export function frameName(frame: CpuProfile['nodes'][number]['callFrame']) {
  const fn = frame.functionName || '(anonymous)';
  if (!frame.url) {
    return fn;
  }
  const file = frame.url
    .replace(/^file:\/\//, '')
    .replace(/^.*\/node_modules\//, '')
    .replace(/^.*\/(plugins|packages)\//, '$1/');
  return `${fn} ${file}:${frame.lineNumber + 1}`;
}

/**
 * Self time per frame (function, file and line), summed over the profile's samples: the time
 * between a sample and the next is charged to the frame on top of the stack. The `limit` largest,
 * with their share of the profiled time (idle and GC are V8's own "(idle)" and
 * "(garbage collector)" frames).
 */
export function topFrames(
  profile: CpuProfile,
  limit = 25,
): {
  profiledSeconds: number;
  top: Array<{ frame: string; selfMs: number; share: number }>;
} {
  const byId = new Map(profile.nodes.map(n => [n.id, n]));
  const self = new Map<string, number>();
  const samples = profile.samples ?? [];
  const deltas = profile.timeDeltas ?? [];
  for (let i = 0; i < samples.length; i++) {
    // timeDeltas[i] is the time before sample i; the interval after it is timeDeltas[i + 1].
    const us = deltas[i + 1] ?? 0;
    const node = byId.get(samples[i]);
    if (!node) {
      continue;
    }
    const name = frameName(node.callFrame);
    self.set(name, (self.get(name) ?? 0) + us);
  }
  const total = profile.endTime - profile.startTime;
  const top = [...self.entries()]
    .sort((a, b) => b[1] - a[1])
    .slice(0, limit)
    .map(([frame, us]) => ({
      frame,
      selfMs: Math.round(us / 100) / 10,
      share: total > 0 ? Math.round((us / total) * 10000) / 10000 : 0,
    }));
  return { profiledSeconds: total / 1e6, top };
}

/**
 * The profile `node --cpu-prof` wrote for the main thread of process `pid` into `dir`
 * (`CPU.<date>.<time>.<pid>.<thread>.<n>.cpuprofile`; thread 0 is the main thread), if any.
 */
export function mainThreadProfile(
  dir: string,
  pid: number,
): string | undefined {
  if (!fs.existsSync(dir)) {
    return undefined;
  }
  const file = fs
    .readdirSync(dir)
    .find(f => f.endsWith('.cpuprofile') && f.includes(`.${pid}.0.`));
  return file && path.join(dir, file);
}
