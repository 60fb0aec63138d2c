import type { PreviewProblem, PreviewProblemInfo } from '../../../shared/preview/preview-document';

/**
 * Why a preview file was refused (opening) or not written (saving): the only error readPreviewFile and
 * writePreviewFile reject with. `problem` names it (its message: `preview.problem.<problem>` in EN and NL);
 * `detail` is technical English for the log; `version` and `path` say more for some problems.
 */
export class PreviewFileError extends Error {
  override readonly name = 'PreviewFileError';
  readonly problem: PreviewProblem;
  readonly detail: string;
  readonly version: number | undefined;
  readonly path: readonly (string | number)[] | undefined;

  constructor(info: PreviewProblemInfo) {
    super(`${info.problem}: ${info.detail}`);
    this.problem = info.problem;
    this.detail = info.detail;
    this.version = info.version;
    this.path = info.path;
  }

  get info(): PreviewProblemInfo {
    return { problem: this.problem, detail: this.detail, ...(this.version === undefined ? {} : { version: this.version }), ...(this.path ? { path: this.path } : {}) };
  }
}
