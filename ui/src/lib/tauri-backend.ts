import type { AddTimeOff } from '../bindings/AddTimeOff';
import type { ApplyPlan } from '../bindings/ApplyPlan';
import type { PinCard } from '../bindings/PinCard';
import type { Plan } from '../bindings/Plan';
import type { SetCapacity } from '../bindings/SetCapacity';
import type { SuggestPlan } from '../bindings/SuggestPlan';
import type { TimeOff } from '../bindings/TimeOff';
import type { Workload } from '../bindings/Workload';
import type { WorkloadQuery } from '../bindings/WorkloadQuery';
import type { AddChecklistItem } from '../bindings/AddChecklistItem';
import type { ArchivedColumn } from '../bindings/ArchivedColumn';
import type { BlockCard } from '../bindings/BlockCard';
import type { CardDetail } from '../bindings/CardDetail';
import type { CheckChecklistItem } from '../bindings/CheckChecklistItem';
import type { ChecklistItem } from '../bindings/ChecklistItem';
import type { CreateLabel } from '../bindings/CreateLabel';
import type { Label } from '../bindings/Label';
import type { RenameChecklistItem } from '../bindings/RenameChecklistItem';
import type { SetCardLabel } from '../bindings/SetCardLabel';
import type { SetCardSkill } from '../bindings/SetCardSkill';
import type { SetDescription } from '../bindings/SetDescription';
import type { SetDue } from '../bindings/SetDue';
import type { SetPriority } from '../bindings/SetPriority';
import type { UpdateLabel } from '../bindings/UpdateLabel';
import { invoke } from '@tauri-apps/api/core';
import type { Backup } from '../bindings/Backup';
import type { Restored } from '../bindings/Restored';
import type { AddColumn } from '../bindings/AddColumn';
import type { AppInfo } from '../bindings/AppInfo';
import type { AssignCard } from '../bindings/AssignCard';
import type { Board } from '../bindings/Board';
import type { Card } from '../bindings/Card';
import type { CardPlace } from '../bindings/CardPlace';
import type { Column } from '../bindings/Column';
import type { CreateCard } from '../bindings/CreateCard';
import type { DeleteColumn } from '../bindings/DeleteColumn';
import type { Load } from '../bindings/Load';
import type { Member } from '../bindings/Member';
import type { MoveCard } from '../bindings/MoveCard';
import type { MoveColumn } from '../bindings/MoveColumn';
import type { PlaceCard } from '../bindings/PlaceCard';
import type { RenameBoard } from '../bindings/RenameBoard';
import type { RenameCard } from '../bindings/RenameCard';
import type { RenameColumn } from '../bindings/RenameColumn';
import type { SetEstimate } from '../bindings/SetEstimate';
import type { SetWipLimit } from '../bindings/SetWipLimit';
import type { UndoStep } from '../bindings/UndoStep';
import type { Workspace } from '../bindings/Workspace';
import type { ActionItem } from '../bindings/ActionItem';
import type { ActionItemCard } from '../bindings/ActionItemCard';
import type { ActionItemToCard } from '../bindings/ActionItemToCard';
import type { AddActionItem } from '../bindings/AddActionItem';
import type { AddAgendaItem } from '../bindings/AddAgendaItem';
import type { AddFeedback } from '../bindings/AddFeedback';
import type { AddGoal } from '../bindings/AddGoal';
import type { AgendaItem } from '../bindings/AgendaItem';
import type { ApplyTemplate } from '../bindings/ApplyTemplate';
import type { CreateSession } from '../bindings/CreateSession';
import type { CreateTemplate } from '../bindings/CreateTemplate';
import type { EditAgendaItem } from '../bindings/EditAgendaItem';
import type { Feedback } from '../bindings/Feedback';
import type { Goal } from '../bindings/Goal';
import type { NotesSaved } from '../bindings/NotesSaved';
import type { Person } from '../bindings/Person';
import type { PersonExport } from '../bindings/PersonExport';
import type { PersonJournal } from '../bindings/PersonJournal';
import type { PersonSchedule } from '../bindings/PersonSchedule';
import type { SavePersonNotes } from '../bindings/SavePersonNotes';
import type { SaveSessionNotes } from '../bindings/SaveSessionNotes';
import type { SearchHit } from '../bindings/SearchHit';
import type { SearchJournal } from '../bindings/SearchJournal';
import type { Session } from '../bindings/Session';
import type { SetActionItemDone } from '../bindings/SetActionItemDone';
import type { SetAgendaStatus } from '../bindings/SetAgendaStatus';
import type { SetCheckIn } from '../bindings/SetCheckIn';
import type { SetMemberSkill } from '../bindings/SetMemberSkill';
import type { SetShareable } from '../bindings/SetShareable';
import type { Template } from '../bindings/Template';
import type { UpdateActionItem } from '../bindings/UpdateActionItem';
import type { UpdateFeedback } from '../bindings/UpdateFeedback';
import type { UpdateGoal } from '../bindings/UpdateGoal';
import type { UpdatePerson } from '../bindings/UpdatePerson';
import type { UpdateTemplate } from '../bindings/UpdateTemplate';
import type { ExportedReport } from '../bindings/ExportedReport';
import type { ExportReport } from '../bindings/ExportReport';
import type { Metrics } from '../bindings/Metrics';
import type { MetricsRequest } from '../bindings/MetricsRequest';
import type { SaveTeamGoal } from '../bindings/SaveTeamGoal';
import type { SetCardTeamGoal } from '../bindings/SetCardTeamGoal';
import type { TeamGoal } from '../bindings/TeamGoal';
import type { TeamGoalProgress } from '../bindings/TeamGoalProgress';
import type { SavePathRequest } from './reports-backend';
import type { OpenPathRequest } from './interchange-backend';
import type { ExportedWorkspace } from '../bindings/ExportedWorkspace';
import type { ExportWorkspace } from '../bindings/ExportWorkspace';
import type { ImportFile } from '../bindings/ImportFile';
import type { ImportSummary } from '../bindings/ImportSummary';
import type { ReportNotes } from '../bindings/ReportNotes';
import type { ReportPeriod } from '../bindings/ReportPeriod';
import type { SaveReport } from '../bindings/SaveReport';
import type { SetReportNeeds } from '../bindings/SetReportNeeds';
import type { SetReportStatus } from '../bindings/SetReportStatus';
import { toBackendError, type Backend } from './backend';

async function call<T>(command: string, args?: Record<string, unknown>): Promise<T> {
  try {
    // Commands without arguments are invoked without an argument object at all.
    return await (args === undefined ? invoke<T>(command) : invoke<T>(command, args));
  } catch (error) {
    throw toBackendError(error);
  }
}

/** The real backend: the Rust core behind Tauri's IPC. */
export class TauriBackend implements Backend {
  appInfo(): Promise<AppInfo> {
    return call('app_info');
  }
  workspace(): Promise<Workspace> {
    return call('workspace');
  }
  seedDemo(): Promise<Workspace> {
    return call('seed_demo');
  }
  startFresh(): Promise<Workspace> {
    return call('start_fresh');
  }
  loadBoard(boardId: number): Promise<Board> {
    return call('load_board', { boardId });
  }
  boardLoads(boardId: number): Promise<Load[]> {
    return call('board_loads', { boardId });
  }
  listMembers(): Promise<Member[]> {
    return call('list_members');
  }
  createCard(req: CreateCard): Promise<Card> {
    return call('create_card', { req });
  }
  renameCard(req: RenameCard): Promise<Card> {
    return call('rename_card', { req });
  }
  moveCard(req: MoveCard): Promise<CardPlace> {
    return call('move_card', { req });
  }
  placeCard(req: PlaceCard): Promise<CardPlace> {
    return call('place_card', { req });
  }
  assignCard(req: AssignCard): Promise<Card> {
    return call('assign_card', { req });
  }
  setWipLimit(req: SetWipLimit): Promise<Column> {
    return call('set_wip_limit', { req });
  }
  setEstimate(req: SetEstimate): Promise<Card> {
    return call('set_estimate', { req });
  }
  archiveCard(cardId: number): Promise<Card> {
    return call('archive_card', { cardId });
  }
  restoreCard(cardId: number): Promise<Card> {
    return call('restore_card', { cardId });
  }
  deleteCard(cardId: number): Promise<null> {
    return call('delete_card', { cardId });
  }
  archivedCards(boardId: number): Promise<Card[]> {
    return call('archived_cards', { boardId });
  }
  addColumn(req: AddColumn): Promise<Column> {
    return call('add_column', { req });
  }
  renameColumn(req: RenameColumn): Promise<Column> {
    return call('rename_column', { req });
  }
  moveColumn(req: MoveColumn): Promise<Column> {
    return call('move_column', { req });
  }
  deleteColumn(req: DeleteColumn): Promise<null> {
    return call('delete_column', { req });
  }
  addBoard(name: string): Promise<Board> {
    return call('add_board', { name });
  }
  renameBoard(req: RenameBoard): Promise<null> {
    return call('rename_board', { req });
  }
  cardDetail(cardId: number): Promise<CardDetail> {
    return call('card_detail', { cardId });
  }
  setDescription(req: SetDescription): Promise<Card> {
    return call('set_description', { req });
  }
  setPriority(req: SetPriority): Promise<Card> {
    return call('set_priority', { req });
  }
  setDue(req: SetDue): Promise<Card> {
    return call('set_due', { req });
  }
  blockCard(req: BlockCard): Promise<Card> {
    return call('block_card', { req });
  }
  unblockCard(cardId: number): Promise<Card> {
    return call('unblock_card', { cardId });
  }
  createLabel(req: CreateLabel): Promise<Label> {
    return call('create_label', { req });
  }
  updateLabel(req: UpdateLabel): Promise<Label> {
    return call('update_label', { req });
  }
  deleteLabel(labelId: number): Promise<null> {
    return call('delete_label', { labelId });
  }
  setCardLabel(req: SetCardLabel): Promise<Card> {
    return call('set_card_label', { req });
  }
  setCardSkill(req: SetCardSkill): Promise<Card> {
    return call('set_card_skill', { req });
  }
  skillNames(): Promise<string[]> {
    return call('skill_names');
  }
  addChecklistItem(req: AddChecklistItem): Promise<ChecklistItem> {
    return call('add_checklist_item', { req });
  }
  renameChecklistItem(req: RenameChecklistItem): Promise<ChecklistItem> {
    return call('rename_checklist_item', { req });
  }
  checkChecklistItem(req: CheckChecklistItem): Promise<ChecklistItem> {
    return call('check_checklist_item', { req });
  }
  deleteChecklistItem(itemId: number): Promise<null> {
    return call('delete_checklist_item', { itemId });
  }
  archiveColumn(columnId: number): Promise<Column> {
    return call('archive_column', { columnId });
  }
  restoreColumn(columnId: number): Promise<Column> {
    return call('restore_column', { columnId });
  }
  archivedColumns(boardId: number): Promise<ArchivedColumn[]> {
    return call('archived_columns', { boardId });
  }
  workload(req: WorkloadQuery): Promise<Workload> {
    return call('workload', { req });
  }
  suggestPlan(req: SuggestPlan): Promise<Plan> {
    return call('suggest_plan', { req });
  }
  applyPlan(req: ApplyPlan): Promise<null> {
    return call('apply_plan', { req });
  }
  setCapacity(req: SetCapacity): Promise<null> {
    return call('set_capacity', { req });
  }
  addTimeOff(req: AddTimeOff): Promise<TimeOff> {
    return call('add_time_off', { req });
  }
  removeTimeOff(timeOffId: number): Promise<null> {
    return call('remove_time_off', { timeOffId });
  }
  pinCard(req: PinCard): Promise<Card> {
    return call('pin_card', { req });
  }
  undo(): Promise<UndoStep> {
    return call('undo');
  }
  redo(): Promise<UndoStep> {
    return call('redo');
  }

  // ---- Journal ----

  personJournal(memberId: number, today: string): Promise<PersonJournal> {
    return call('person_journal', { memberId, today });
  }
  updatePerson(req: UpdatePerson): Promise<Person> {
    return call('update_person', { req });
  }
  savePersonNotes(req: SavePersonNotes): Promise<NotesSaved> {
    return call('save_person_notes', { req });
  }
  setMemberSkill(req: SetMemberSkill): Promise<Person> {
    return call('set_member_skill', { req });
  }
  addGoal(req: AddGoal): Promise<Goal> {
    return call('add_goal', { req });
  }
  updateGoal(req: UpdateGoal): Promise<Goal> {
    return call('update_goal', { req });
  }
  deleteGoal(goalId: number): Promise<null> {
    return call('delete_goal', { goalId });
  }
  createSession(req: CreateSession): Promise<Session> {
    return call('create_session', { req });
  }
  loadSession(sessionId: number): Promise<Session> {
    return call('load_session', { sessionId });
  }
  deleteSession(sessionId: number): Promise<null> {
    return call('delete_session', { sessionId });
  }
  saveSessionNotes(req: SaveSessionNotes): Promise<NotesSaved> {
    return call('save_session_notes', { req });
  }
  setCheckIn(req: SetCheckIn): Promise<Session> {
    return call('set_check_in', { req });
  }
  setShareable(req: SetShareable): Promise<null> {
    return call('set_shareable', { req });
  }
  addAgendaItem(req: AddAgendaItem): Promise<AgendaItem> {
    return call('add_agenda_item', { req });
  }
  editAgendaItem(req: EditAgendaItem): Promise<AgendaItem> {
    return call('edit_agenda_item', { req });
  }
  setAgendaStatus(req: SetAgendaStatus): Promise<AgendaItem> {
    return call('set_agenda_status', { req });
  }
  deleteAgendaItem(itemId: number): Promise<null> {
    return call('delete_agenda_item', { itemId });
  }
  applyTemplate(req: ApplyTemplate): Promise<Session> {
    return call('apply_template', { req });
  }
  addActionItem(req: AddActionItem): Promise<ActionItem> {
    return call('add_action_item', { req });
  }
  updateActionItem(req: UpdateActionItem): Promise<ActionItem> {
    return call('update_action_item', { req });
  }
  setActionItemDone(req: SetActionItemDone): Promise<ActionItem> {
    return call('set_action_item_done', { req });
  }
  deleteActionItem(itemId: number): Promise<null> {
    return call('delete_action_item', { itemId });
  }
  actionItemToCard(req: ActionItemToCard): Promise<ActionItemCard> {
    return call('action_item_to_card', { req });
  }
  addFeedback(req: AddFeedback): Promise<Feedback> {
    return call('add_feedback', { req });
  }
  updateFeedback(req: UpdateFeedback): Promise<Feedback> {
    return call('update_feedback', { req });
  }
  deleteFeedback(feedbackId: number): Promise<null> {
    return call('delete_feedback', { feedbackId });
  }
  listTemplates(): Promise<Template[]> {
    return call('list_templates');
  }
  createTemplate(req: CreateTemplate): Promise<Template> {
    return call('create_template', { req });
  }
  updateTemplate(req: UpdateTemplate): Promise<Template> {
    return call('update_template', { req });
  }
  deleteTemplate(templateId: number): Promise<null> {
    return call('delete_template', { templateId });
  }
  journalSchedules(today: string): Promise<PersonSchedule[]> {
    return call('journal_schedules', { today });
  }
  dueThisWeek(today: string): Promise<PersonSchedule[]> {
    return call('due_this_week', { today });
  }
  searchJournal(req: SearchJournal): Promise<SearchHit[]> {
    return call('search_journal', { req });
  }
  exportPerson(memberId: number): Promise<PersonExport> {
    return call('export_person', { memberId });
  }
  metrics(req: MetricsRequest): Promise<Metrics> {
    return call('metrics', { req });
  }
  listTeamGoals(): Promise<TeamGoalProgress[]> {
    return call('list_team_goals');
  }
  saveTeamGoal(req: SaveTeamGoal): Promise<TeamGoal> {
    return call('save_team_goal', { req });
  }
  deleteTeamGoal(goalId: number): Promise<null> {
    return call('delete_team_goal', { goalId });
  }
  setCardTeamGoal(req: SetCardTeamGoal): Promise<null> {
    return call('set_card_team_goal', { req });
  }
  reportPreview(req: ReportPeriod): Promise<string> {
    return call('report_preview', { req });
  }
  reportNotes(req: ReportPeriod): Promise<ReportNotes> {
    return call('report_notes', { req });
  }
  setReportStatus(req: SetReportStatus): Promise<ReportNotes> {
    return call('set_report_status', { req });
  }
  setReportNeeds(req: SetReportNeeds): Promise<ReportNotes> {
    return call('set_report_needs', { req });
  }
  saveReport(req: SaveReport): Promise<ExportedReport> {
    return call('save_report', { req });
  }
  exportReport(req: ExportReport): Promise<ExportedReport> {
    return call('export_report', { req });
  }
  exportWorkspace(req: ExportWorkspace): Promise<ExportedWorkspace> {
    return call('export_workspace', { req });
  }
  saveWorkspace(): Promise<ExportedWorkspace> {
    return call('save_workspace');
  }
  async chooseOpenPath(req: OpenPathRequest): Promise<string | null> {
    const { open } = await import('@tauri-apps/plugin-dialog');
    const chosen = await open({
      multiple: false,
      directory: false,
      defaultPath: req.defaultPath,
      filters: [{ name: req.label, extensions: req.extensions }],
    });
    return typeof chosen === 'string' ? chosen : null;
  }
  importFile(req: ImportFile): Promise<ImportSummary> {
    return call('import_file', { req });
  }
  backupNow(): Promise<Backup> {
    return call('backup_now');
  }
  listBackups(): Promise<Backup[]> {
    return call('list_backups');
  }
  restoreBackup(path: string): Promise<Restored> {
    return call('restore_backup', { path });
  }
  async chooseSavePath(req: SavePathRequest): Promise<string | null> {
    const { save } = await import('@tauri-apps/plugin-dialog');
    return save({ defaultPath: req.defaultPath, filters: [{ name: req.label, extensions: [req.extension] }] });
  }
  savePersonExport(memberId: number): Promise<string[]> {
    return call('save_person_export', { memberId });
  }
  erasePerson(memberId: number): Promise<null> {
    return call('erase_person', { memberId });
  }
}
