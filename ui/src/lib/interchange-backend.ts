import type { ExportedWorkspace } from '../bindings/ExportedWorkspace';
import type { ExportWorkspace } from '../bindings/ExportWorkspace';
import type { ImportFile } from '../bindings/ImportFile';
import type { ImportSummary } from '../bindings/ImportSummary';

/** Exporting the whole workspace and importing files: the `Backend`'s part for them. */
export interface InterchangeBackend {
  /**
   * Writes everything in the workspace to `path` as one JSON file (docs/data-format.md). An
   * existing file is refused unless `replace` says the user confirmed replacing it.
   */
  exportWorkspace(req: ExportWorkspace): Promise<ExportedWorkspace>;
  /** The same, into the export folder under a name of its own, never over a file. */
  saveWorkspace(): Promise<ExportedWorkspace>;
  /**
   * Imports a file: `json` (a Teamlead export, into an empty workspace only), `trello` (a
   * board's JSON export, as a new board) or `csv` (cards into `boardId`, or a new board named
   * after the file). All of it or nothing; files up to 64 MiB.
   */
  importFile(req: ImportFile): Promise<ImportSummary>;
  /** Asks which file to open with the native open dialog; null when the user cancels. */
  chooseOpenPath(req: OpenPathRequest): Promise<string | null>;
}

export interface OpenPathRequest {
  /** The kind of file, as the dialog's filter names it. */
  label: string;
  extensions: string[];
  /** The folder the dialog starts in, when known. */
  defaultPath?: string;
}

/** The largest file that is imported, as the core: 64 MiB. */
export const MAX_IMPORT_BYTES = 64 * 1024 * 1024;

/** The header names a CSV file may use, `title` required. */
export const CSV_HEADERS = ['title', 'description', 'column', 'assignee', 'estimate', 'due', 'labels'] as const;
