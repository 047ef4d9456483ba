/**
 * The portal list routes the benchmark measures, as the features declare them (`bench.lists` in
 * server/features/<x>/index.ts, with the rows they read in `bench.rows`): C ÷ A is then reported
 * for each on both dialects; C ÷ B too once bench/targets.ts has a hand-written version of it.
 */
import { features } from '../server/features/index.js';
import type { BenchListRoute } from '../server/lib/feature.js';

export type { BenchListRoute };

export const benchListRoutes: readonly BenchListRoute[] = features.flatMap((feature) => feature.bench?.lists ?? []);
