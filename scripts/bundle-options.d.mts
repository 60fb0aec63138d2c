import type { BuildOptions } from 'esbuild';

export declare const MAIN_BUNDLE_OPTIONS: BuildOptions;
