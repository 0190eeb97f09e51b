// Regions in the moderator's lists (contract 7.1): which regions the
// incoming questions come from, and whether the approved queue leans on a few.
import type { Question } from './protocol';

/** The filter value for questions whose author named no region (or is hidden). */
export const NO_REGION = '';

export function regionOf(q: Question): string {
  return q.author?.region ?? NO_REGION;
}

/** The regions of these questions with how many each, most first (then by name); no region last. */
export function regionCounts(questions: readonly Question[]): Array<{ region: string; count: number }> {
  const counts = new Map<string, number>();
  for (const q of questions) counts.set(regionOf(q), (counts.get(regionOf(q)) ?? 0) + 1);
  return [...counts.entries()]
    .map(([region, count]) => ({ region, count }))
    .sort((a, b) => Number(a.region === NO_REGION) - Number(b.region === NO_REGION) || b.count - a.count || a.region.localeCompare(b.region, 'ru'));
}

/**
 * The approved queue is dominated by few regions when at least `minQuestions`
 * of its questions name a region and `maxRegions` regions (or fewer) account
 * for at least `share` of them. The rule of docs/protocol.md, "The regional picture".
 */
export const DOMINANCE = { minQuestions: 5, maxRegions: 2, share: 0.6 } as const;

export interface Dominance {
  regions: string[];
  /** of the approved questions that name a region, 0..1 */
  share: number;
}

export function regionDominance(approved: readonly Question[], rule = DOMINANCE): Dominance | null {
  const named = regionCounts(approved).filter((r) => r.region !== NO_REGION);
  const total = named.reduce((sum, r) => sum + r.count, 0);
  if (total < rule.minQuestions || named.length <= rule.maxRegions) return null;
  const top = named.slice(0, rule.maxRegions);
  const share = top.reduce((sum, r) => sum + r.count, 0) / total;
  return share >= rule.share ? { regions: top.map((r) => r.region), share } : null;
}
