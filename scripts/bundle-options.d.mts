import type { BuildOptions } from 'esbuild';

export declare const MAIN_BUNDLE_OPTIONS: BuildOptions;
export declare const MAIN_WORKER_ENTRIES: Record<string, string>;
