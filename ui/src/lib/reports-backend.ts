import type { ExportedReport } from '../bindings/ExportedReport';
import type { Metrics } from '../bindings/Metrics';
import type { MetricsRequest } from '../bindings/MetricsRequest';
import type { SaveTeamGoal } from '../bindings/SaveTeamGoal';
import type { SetCardTeamGoal } from '../bindings/SetCardTeamGoal';
import type { TeamGoal } from '../bindings/TeamGoal';
import type { TeamGoalProgress } from '../bindings/TeamGoalProgress';
import type { ExportReport } from '../bindings/ExportReport';
import type { ReportNotes } from '../bindings/ReportNotes';
import type { ReportPeriod } from '../bindings/ReportPeriod';
import type { SaveReport } from '../bindings/SaveReport';
import type { SetReportNeeds } from '../bindings/SetReportNeeds';
import type { SetReportStatus } from '../bindings/SetReportStatus';

/** The manager report's part of the `Backend` interface. */
export interface ReportsBackend {
  /** Every metric of a board over a period, the roadblock radar and the charts as SVG. */
  metrics(req: MetricsRequest): Promise<Metrics>;
  /** The lead's goals by target date, each with its progress rolled up from its cards. */
  listTeamGoals(): Promise<TeamGoalProgress[]>;
  /** Creates a goal (`goalId` null) or edits one; undoable. */
  saveTeamGoal(req: SaveTeamGoal): Promise<TeamGoal>;
  /** Deletes a goal; its cards stay, unlinked. Undoable. */
  deleteTeamGoal(goalId: number): Promise<null>;
  /** Links a card to a goal, or unlinks it (`goalId` null). Undoable. */
  setCardTeamGoal(req: SetCardTeamGoal): Promise<null>;
  /** The report as the self-contained HTML page an HTML export writes: the preview is the file. */
  reportPreview(req: ReportPeriod): Promise<string>;
  /** What the lead wrote for the period: their status (null: the suggested one) and needs. */
  reportNotes(req: ReportPeriod): Promise<ReportNotes>;
  setReportStatus(req: SetReportStatus): Promise<ReportNotes>;
  setReportNeeds(req: SetReportNeeds): Promise<ReportNotes>;
  /** Writes the report into the export folder under a name of its own; every file written. */
  saveReport(req: SaveReport): Promise<ExportedReport>;
  /** Writes the report to the path the user chose; every file written. */
  exportReport(req: ExportReport): Promise<ExportedReport>;
  /** Asks where to save a file with the native save dialog; null when the user cancels. */
  chooseSavePath(req: SavePathRequest): Promise<string | null>;
}

export interface SavePathRequest {
  /** Where the dialog starts, with the suggested file name. */
  defaultPath: string;
  /** The kind of file, as the dialog's filter names it. */
  label: string;
  extension: string;
}

export type PeriodPreset = 'this_week' | 'last_two_weeks' | 'custom';

/** A local day as YYYY-MM-DD. */
export function isoDay(d: Date): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
}

function addDays(d: Date, days: number): Date {
  return new Date(d.getFullYear(), d.getMonth(), d.getDate() + days);
}

/**
 * The days a preset covers, both ends included, as of `today`: this week is Monday to today;
 * the last two weeks are the 14 days ending today.
 */
export function presetPeriod(preset: Exclude<PeriodPreset, 'custom'>, today: Date): { from: string; to: string } {
  if (preset === 'this_week') {
    const sinceMonday = (today.getDay() + 6) % 7;
    return { from: isoDay(addDays(today, -sinceMonday)), to: isoDay(today) };
  }
  return { from: isoDay(addDays(today, -13)), to: isoDay(today) };
}

export const FORMAT_LABELS: Record<SaveReport['format'], string> = {
  pdf: 'PDF',
  html: 'HTML',
  md: 'Markdown',
  csv: 'CSV',
};
