/**
 * The portal list routes the benchmark measures. A new list route joins with one line here (and
 * its rows in bench/dataset.ts): C ÷ A is then reported for it on both dialects; C ÷ B too once
 * bench/targets.ts has a hand-written version of it.
 */
export interface BenchListRoute {
  /** Shown in the tables. */
  name: string;
  /** Asked for with the signed-in contact's token; it must answer a full page with a next cursor. */
  path: string;
  /** bench/targets.ts serves a hand-written version of this route (target B). */
  handWritten: boolean;
}

export const benchListRoutes: readonly BenchListRoute[] = [
  { name: 'proposals', path: '/v1/portal/proposals?limit=20', handWritten: true },
  { name: 'threads', path: '/v1/portal/threads?limit=20', handWritten: false },
];
