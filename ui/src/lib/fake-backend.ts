import type { AddChecklistItem } from '../bindings/AddChecklistItem';
import type { AddTimeOff } from '../bindings/AddTimeOff';
import type { ApplyPlan } from '../bindings/ApplyPlan';
import type { PinCard } from '../bindings/PinCard';
import type { Plan } from '../bindings/Plan';
import type { SetCapacity } from '../bindings/SetCapacity';
import type { SkillCoverage } from '../bindings/SkillCoverage';
import type { SuggestPlan } from '../bindings/SuggestPlan';
import type { TimeOff } from '../bindings/TimeOff';
import type { Workload } from '../bindings/Workload';
import type { WorkloadQuery } from '../bindings/WorkloadQuery';
import type { AddColumn } from '../bindings/AddColumn';
import type { AppInfo } from '../bindings/AppInfo';
import type { ArchivedColumn } from '../bindings/ArchivedColumn';
import type { AssignCard } from '../bindings/AssignCard';
import type { BlockCard } from '../bindings/BlockCard';
import type { Blocked } from '../bindings/Blocked';
import type { Board } from '../bindings/Board';
import type { Card } from '../bindings/Card';
import type { CardDetail } from '../bindings/CardDetail';
import type { CardEvent } from '../bindings/CardEvent';
import type { CardPlace } from '../bindings/CardPlace';
import type { CheckChecklistItem } from '../bindings/CheckChecklistItem';
import type { ChecklistItem } from '../bindings/ChecklistItem';
import type { Column } from '../bindings/Column';
import type { CreateCard } from '../bindings/CreateCard';
import type { CreateLabel } from '../bindings/CreateLabel';
import type { DeleteColumn } from '../bindings/DeleteColumn';
import type { EstimateUnit } from '../bindings/EstimateUnit';
import type { EventKind } from '../bindings/EventKind';
import type { Label } from '../bindings/Label';
import type { LabelColor } from '../bindings/LabelColor';
import type { Load } from '../bindings/Load';
import type { Member } from '../bindings/Member';
import type { MoveCard } from '../bindings/MoveCard';
import type { MoveColumn } from '../bindings/MoveColumn';
import type { PlaceCard } from '../bindings/PlaceCard';
import type { Priority } from '../bindings/Priority';
import type { RenameBoard } from '../bindings/RenameBoard';
import type { RenameCard } from '../bindings/RenameCard';
import type { RenameChecklistItem } from '../bindings/RenameChecklistItem';
import type { RenameColumn } from '../bindings/RenameColumn';
import type { SetCardLabel } from '../bindings/SetCardLabel';
import type { SetCardSkill } from '../bindings/SetCardSkill';
import type { SetDescription } from '../bindings/SetDescription';
import type { SetDue } from '../bindings/SetDue';
import type { SetEstimate } from '../bindings/SetEstimate';
import type { SetPriority } from '../bindings/SetPriority';
import type { SetWipLimit } from '../bindings/SetWipLimit';
import type { Skill } from '../bindings/Skill';
import type { Stage } from '../bindings/Stage';
import type { UndoStep } from '../bindings/UndoStep';
import type { UpdateLabel } from '../bindings/UpdateLabel';
import type { Workspace } from '../bindings/Workspace';
import type { ChartSvg } from '../bindings/ChartSvg';
import type { GoalStatus } from '../bindings/GoalStatus';
import type { Metrics } from '../bindings/Metrics';
import type { MetricsRequest } from '../bindings/MetricsRequest';
import type { Risk } from '../bindings/Risk';
import type { SaveTeamGoal } from '../bindings/SaveTeamGoal';
import type { SetCardTeamGoal } from '../bindings/SetCardTeamGoal';
import type { TeamGoal } from '../bindings/TeamGoal';
import type { TeamGoalProgress } from '../bindings/TeamGoalProgress';
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
import { BackendError, type Backend } from './backend';
import { FakeJournal, type JournalState } from './fake-journal';
import type { Backup } from '../bindings/Backup';
import type { BackupKind } from '../bindings/BackupKind';
import type { Restored } from '../bindings/Restored';
import { backupFileName, restoreRefusedMessage } from './backup-backend';
import { escapeHtml } from './markdown';
import type { ExportedReport } from '../bindings/ExportedReport';
import type { ExportReport } from '../bindings/ExportReport';
import type { SavePathRequest } from './reports-backend';
import type { ReportNotes } from '../bindings/ReportNotes';
import type { ReportPeriod } from '../bindings/ReportPeriod';
import type { SaveReport } from '../bindings/SaveReport';
import type { SetReportNeeds } from '../bindings/SetReportNeeds';
import type { SetReportStatus } from '../bindings/SetReportStatus';
import type { ExportedWorkspace } from '../bindings/ExportedWorkspace';
import type { ExportWorkspace } from '../bindings/ExportWorkspace';
import type { ImportFile } from '../bindings/ImportFile';
import type { ImportSummary } from '../bindings/ImportSummary';
import { type BoardSpec, csvBoard, trelloBoard } from './fake-interchange';
import { MAX_IMPORT_BYTES, type OpenPathRequest } from './interchange-backend';
import { isoDay } from './reports-backend';
import { flowDates } from './flow';
import {
  DATE_RANGE_MESSAGE,
  MAX_LABEL_CHARS,
  MAX_SKILL_CHARS,
  guessStage,
  validateDescription,
  validateDue,
  validateEstimate,
  validateLevel,
  validateWipLimit,
} from './rules';
import {
  APPLY_EMPTY_MESSAGE,
  greedyPlan,
  PIN_UNASSIGNED_MESSAGE,
  validateCapacity,
  validatePeriod,
  workingDays,
} from './workload';

export interface FakeCardInit {
  title: string;
  /** A member id: members get ids 1, 2, 3… in the order they are given. */
  assigneeId?: number | null;
  /** In the board's unit; not estimated when left out. */
  estimate?: number | null;
  description?: string;
  priority?: Priority;
  /** YYYY-MM-DD. */
  due?: string | null;
  /** A reason (blocked since the fake's start), or the whole blocked state. */
  blocked?: string | Blocked | null;
  /** Label names of the card's board. */
  labels?: string[];
  /** Or the labels' ids. */
  labelIds?: number[];
  skills?: { skill: string; minLevel: number }[];
  checklist?: (string | { text: string; done: boolean })[];
}

export interface FakeColumnInit {
  name: string;
  /** Guessed from the name when left out, as the core does. */
  stage?: Stage;
  wipLimit?: number | null;
  /** Starts archived. */
  archived?: boolean;
  cards?: (string | FakeCardInit)[];
}

export interface FakeBoardInit {
  name: string;
  /** Points when left out. */
  estimateUnit?: EstimateUnit;
  /**
   * Ids are handed out in order across boards (1, 2…), unless given: cards' `labelIds`
   * refer to given ones.
   */
  labels?: (Label | { name: string; color: LabelColor })[];
  columns: FakeColumnInit[];
}

export interface FakeMemberInit {
  name: string;
  role: string;
  skills?: Skill[];
  /** Units a week; not set when left out. */
  weeklyCapacity?: number | null;
  /** Days off, YYYY-MM-DD, both included. */
  timeOff?: { start: string; end: string }[];
}

export interface FakeInit {
  members?: FakeMemberInit[];
  /** Ids are handed out in order: boards 1, 2…; columns 1, 2… across boards; cards likewise. */
  boards?: FakeBoardInit[];
  appInfo?: AppInfo;
  now?: () => number;
}

interface StoredBoard {
  id: number;
  name: string;
  estimateUnit: EstimateUnit;
  /** Archived ones too, in their place. */
  columns: Column[];
  labels: Label[];
}

export const MAX_TITLE_CHARS = 500;
const FRESH_COLUMNS = ['To do', 'In progress', 'Review', 'Done'];
// Unicode "Cc" characters; the core allows tabs.
const CONTROL = /[\u0000-\u0008\u000a-\u001f\u007f-\u009f]/;

export const MAX_NAME_CHARS = 120;

/** The core's `validate::text`: trimmed, not empty, at most `max` characters, no control characters but tabs. */
export function validateText(value: string, label: string, max: number): string {
  const trimmed = value.trim();
  if (trimmed === '') {
    throw new BackendError('invalid_input', `The ${label} cannot be empty.`);
  }
  if ([...trimmed].length > max) {
    throw new BackendError('invalid_input', `The ${label} can be at most ${max} characters long.`);
  }
  if (CONTROL.test(trimmed)) {
    throw new BackendError('invalid_input', `The ${label} cannot contain line breaks or control characters.`);
  }
  return trimmed;
}

/** The same title rules as the core's `validate::title`. */
export function validateTitle(value: string): string {
  return validateText(value, 'title', MAX_TITLE_CHARS);
}

/** The core's `validate::name` for a column or a board. */
export function validateName(value: string, of: 'column' | 'board'): string {
  return validateText(value, `${of} name`, MAX_NAME_CHARS);
}

export const ALREADY_ARCHIVED_MESSAGE = 'This card is already archived.';
export const NOT_ARCHIVED_MESSAGE = 'This card is not archived.';
export const MOVE_ARCHIVED_MESSAGE = 'This card is archived; restore it before moving it.';
export const AFTER_ARCHIVED_MESSAGE = 'The card to place after is archived.';
export const COLUMN_AFTER_ITSELF_MESSAGE = 'A column cannot be placed after itself.';
export const COLUMN_AFTER_OTHER_BOARD_MESSAGE = 'The column to place after is on another board.';
export const LAST_COLUMN_MESSAGE = 'A board keeps at least one column.';
export const CARDS_TO_REQUIRED_MESSAGE = "Choose a column for this column's cards before deleting it.";
export const CARDS_TO_SELF_MESSAGE = 'The cards cannot go to the column being deleted.';
export const CARDS_TO_OTHER_BOARD_MESSAGE = 'The cards can only go to a column of the same board.';
export const CARDS_TO_ARCHIVED_MESSAGE = 'The cards cannot go to an archived column.';
export const MOVE_INTO_ARCHIVED_COLUMN_MESSAGE = 'That column is archived; restore it before moving cards into it.';
export const CREATE_IN_ARCHIVED_COLUMN_MESSAGE = 'That column is archived; restore it before adding cards to it.';
export const COLUMN_ALREADY_ARCHIVED_MESSAGE = 'This column is already archived.';
export const COLUMN_NOT_ARCHIVED_MESSAGE = 'This column is not archived.';
export const LAST_OPEN_COLUMN_MESSAGE = 'A board keeps at least one column; add another before archiving this one.';
export const NOT_BLOCKED_MESSAGE = 'This card is not blocked.';
export const LABEL_OTHER_BOARD_MESSAGE = 'That label belongs to another board.';

export function labelTakenMessage(name: string): string {
  return `This board already has a label called \u201c${name}\u201d.`;
}

function notFound(entity: string, id: number): BackendError {
  return new BackendError('not_found', `That ${entity} (id ${id}) does not exist. It may have been deleted.`);
}

/** Fixed-width ranks, so plain string comparison gives the position order. */
function rankAt(index: number): string {
  return (index + 1).toString(36).padStart(6, '0');
}

/** SQLite's NOCASE: only ASCII letters fold. */
function nocase(text: string): string {
  return text.replace(/[A-Z]/g, (c) => c.toLowerCase());
}

function byCodeUnits(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * Open work per assignee, as the core's `BoardView::loads`: cards on the board (not archived)
 * outside done columns, by
 * member id with the unassigned last; people without open cards are left out.
 */
export function loadsOf(columns: readonly Column[], cards: readonly Card[]): Load[] {
  const done = new Set(columns.filter((c) => c.stage === 'done').map((c) => c.id));
  // Summed in hundredths, as the core does, so 0.1 + 0.2 stays 0.3.
  const byMember = new Map<number | null, Load & { centi: number }>();
  for (const card of cards) {
    if (done.has(card.columnId) || card.archivedAt !== null) continue;
    let load = byMember.get(card.assigneeId);
    if (!load) {
      load = { memberId: card.assigneeId, openCards: 0, estimate: 0, unestimated: 0, centi: 0 };
      byMember.set(card.assigneeId, load);
    }
    load.openCards += 1;
    if (card.estimate === null) load.unestimated += 1;
    else load.centi += Math.round(card.estimate * 100);
  }
  return [...byMember.values()]
    .sort((a, b) => (a.memberId ?? Infinity) - (b.memberId ?? Infinity))
    .map(({ centi, ...load }) => ({ ...load, estimate: centi / 100 }));
}

interface NextIds {
  board: number;
  column: number;
  card: number;
  label: number;
  item: number;
  timeOff: number;
}

interface Snapshot {
  boards: StoredBoard[];
  cards: [number, Card][];
  order: [number, number[]][];
  items: [number, ChecklistItem][];
  events: [number, CardEvent[]][];
  capacity: [number, number | null][];
  timeOff: TimeOff[];
  nextId: NextIds;
  goals: TeamGoal[];
  cardGoals: [number, number][];
}

/** Everything the fake holds, as a fake backup keeps it (the core copies the whole file). */
interface FakeDatabase {
  board: Snapshot;
  members: Member[];
  journal: JournalState;
  reportNotes: [string, ReportNotes][];
  undo: { label: string; state: Snapshot }[];
  redo: { label: string; state: Snapshot }[];
}

/** The fake's backups folder. */
export const FAKE_BACKUP_DIR = '/in-memory/backups';
/** The schema the fake's data is always at. */
export const FAKE_SCHEMA_VERSION = 8;

/**
 * An in-memory Backend that keeps the core's rules: used by the tests and by `vite dev`
 * in a plain browser.
 */
export class FakeBackend implements Backend {
  private boards: StoredBoard[] = [];
  private members: Member[] = [];
  private cards = new Map<number, Card>();
  /** Card ids per column, top to bottom. */
  private order = new Map<number, number[]>();
  /** Checklist items by id; a card's items in id order are its checklist, top to bottom. */
  private items = new Map<number, ChecklistItem>();
  /** Each card's history, oldest first. */
  private events = new Map<number, CardEvent[]>();
  /** Weekly capacity per member, in units; null when not set. */
  private capacity = new Map<number, number | null>();
  /** Every period of time off, in the order added. */
  private timeOff: TimeOff[] = [];
  private nextId: NextIds = { board: 1, column: 1, card: 1, label: 1, item: 1, timeOff: 1 };
  private undoStack: { label: string; state: Snapshot }[] = [];
  private redoStack: { label: string; state: Snapshot }[] = [];
  private readonly info: AppInfo;
  private readonly now: () => number;
  /** The one-on-one journal, over this fake's team and boards. */
  readonly journal: FakeJournal;

  constructor(init: FakeInit = {}) {
    this.journal = this.makeJournal();
    this.info = init.appInfo ?? {
      version: '0.0.0-browser',
      dataFile: '(in memory, nothing is saved)',
      exportDir: '/home/lead/Downloads',
      logDir: '(in memory, no log)',
    };
    this.now = init.now ?? Date.now;
    this.insertMembers(init.members ?? []);
    for (const board of init.boards ?? []) this.insertBoard(board);
  }

  /** A workspace with the demo team, as after "Explore with a demo team". */
  static demo(init: Omit<FakeInit, 'boards' | 'members'> = {}): FakeBackend {
    const now = init.now ?? Date.now;
    return new FakeBackend({ ...init, members: demoPeople(now()), boards: [demoBoard(now())] });
  }

  // ---- Journal ----

  private makeJournal(): FakeJournal {
    const stageOf = (columnId: number) => this.findColumn(columnId)?.stage;
    return new FakeJournal({
      now: () => this.now(),
      members: () => this.members,
      openCardsOf: (memberId) =>
        [...this.cards.values()]
          .filter((c) => c.assigneeId === memberId && c.archivedAt === null && stageOf(c.columnId) !== 'done')
          .filter((c) => this.findColumn(c.columnId)?.archivedAt === null)
          .sort((a, b) => a.id - b.id)
          .map((c) => ({
            id: c.id,
            title: c.title,
            blocked: c.blocked?.reason ?? null,
            inProgress: stageOf(c.columnId) === 'in_progress',
            startedAt: flowDates(this.events.get(c.id) ?? [], stageOf).startedAt,
          })),
      cardDone: (cardId) => {
        const card = this.cards.get(cardId);
        return card ? stageOf(card.columnId) === 'done' : undefined;
      },
      createCard: (columnId, title, memberId) => {
        if (this.column(columnId).archivedAt !== null) {
          throw new BackendError('invalid_input', CREATE_IN_ARCHIVED_COLUMN_MESSAGE);
        }
        this.recordStep('Make a card of an action item');
        return this.out(this.insertCard(columnId, validateTitle(title), memberId));
      },
      removeMember: (memberId) => {
        this.members = this.members.filter((m) => m.id !== memberId);
        for (const card of this.cards.values()) if (card.assigneeId === memberId) card.assigneeId = null;
        this.undoStack = [];
        this.redoStack = [];
      },
      updateMember: (memberId, name, role) => {
        const member = this.members.find((m) => m.id === memberId);
        if (member) Object.assign(member, { name, role });
      },
      setSkill: (memberId, skill, level) => {
        const member = this.members.find((m) => m.id === memberId);
        if (!member) return;
        member.skills = member.skills.filter((s) => s.name !== skill);
        if (level !== null) member.skills = [...member.skills, { name: skill, level }].sort((a, b) => a.name.localeCompare(b.name));
      },
    });
  }

  personJournal(memberId: number, today: string): Promise<PersonJournal> {
    return this.journal.personJournal(memberId, today);
  }
  updatePerson(req: UpdatePerson): Promise<Person> {
    return this.journal.updatePerson(req);
  }
  savePersonNotes(req: SavePersonNotes): Promise<NotesSaved> {
    return this.journal.savePersonNotes(req);
  }
  setMemberSkill(req: SetMemberSkill): Promise<Person> {
    return this.journal.setMemberSkill(req);
  }
  addGoal(req: AddGoal): Promise<Goal> {
    return this.journal.addGoal(req);
  }
  updateGoal(req: UpdateGoal): Promise<Goal> {
    return this.journal.updateGoal(req);
  }
  deleteGoal(goalId: number): Promise<null> {
    return this.journal.deleteGoal(goalId);
  }
  createSession(req: CreateSession): Promise<Session> {
    return this.journal.createSession(req);
  }
  loadSession(sessionId: number): Promise<Session> {
    return this.journal.loadSession(sessionId);
  }
  deleteSession(sessionId: number): Promise<null> {
    return this.journal.deleteSession(sessionId);
  }
  saveSessionNotes(req: SaveSessionNotes): Promise<NotesSaved> {
    return this.journal.saveSessionNotes(req);
  }
  setCheckIn(req: SetCheckIn): Promise<Session> {
    return this.journal.setCheckIn(req);
  }
  setShareable(req: SetShareable): Promise<null> {
    return this.journal.setShareable(req);
  }
  addAgendaItem(req: AddAgendaItem): Promise<AgendaItem> {
    return this.journal.addAgendaItem(req);
  }
  editAgendaItem(req: EditAgendaItem): Promise<AgendaItem> {
    return this.journal.editAgendaItem(req);
  }
  setAgendaStatus(req: SetAgendaStatus): Promise<AgendaItem> {
    return this.journal.setAgendaStatus(req);
  }
  deleteAgendaItem(itemId: number): Promise<null> {
    return this.journal.deleteAgendaItem(itemId);
  }
  applyTemplate(req: ApplyTemplate): Promise<Session> {
    return this.journal.applyTemplate(req);
  }
  addActionItem(req: AddActionItem): Promise<ActionItem> {
    return this.journal.addActionItem(req);
  }
  updateActionItem(req: UpdateActionItem): Promise<ActionItem> {
    return this.journal.updateActionItem(req);
  }
  setActionItemDone(req: SetActionItemDone): Promise<ActionItem> {
    return this.journal.setActionItemDone(req);
  }
  deleteActionItem(itemId: number): Promise<null> {
    return this.journal.deleteActionItem(itemId);
  }
  actionItemToCard(req: ActionItemToCard): Promise<ActionItemCard> {
    return this.journal.actionItemToCard(req);
  }
  addFeedback(req: AddFeedback): Promise<Feedback> {
    return this.journal.addFeedback(req);
  }
  updateFeedback(req: UpdateFeedback): Promise<Feedback> {
    return this.journal.updateFeedback(req);
  }
  deleteFeedback(feedbackId: number): Promise<null> {
    return this.journal.deleteFeedback(feedbackId);
  }
  listTemplates(): Promise<Template[]> {
    return this.journal.listTemplates();
  }
  createTemplate(req: CreateTemplate): Promise<Template> {
    return this.journal.createTemplate(req);
  }
  updateTemplate(req: UpdateTemplate): Promise<Template> {
    return this.journal.updateTemplate(req);
  }
  deleteTemplate(templateId: number): Promise<null> {
    return this.journal.deleteTemplate(templateId);
  }
  journalSchedules(today: string): Promise<PersonSchedule[]> {
    return this.journal.journalSchedules(today);
  }
  dueThisWeek(today: string): Promise<PersonSchedule[]> {
    return this.journal.dueThisWeek(today);
  }
  searchJournal(req: SearchJournal): Promise<SearchHit[]> {
    return this.journal.searchJournal(req);
  }
  // ---- Metrics and goals (simple stand-ins for the core's) ----

  /** Risks the radar lists besides the fake's own (blocked cards), as a test sets them. */
  extraRisks: Risk[] = [];
  /** The metrics requests, newest last. */
  readonly metricsRequests: MetricsRequest[] = [];
  private goals: TeamGoal[] = [];
  private cardGoals = new Map<number, number>();
  private nextGoalId = 1;

  async metrics(req: MetricsRequest): Promise<Metrics> {
    this.checkPeriod(req);
    this.metricsRequests.push({ ...req });
    const board = this.boardNow(req.boardId);
    const stageOf = new Map(board.columns.map((c) => [c.id, c.stage]));
    const open = board.cards.filter((c) => c.archivedAt === null);
    const inProgress = open.filter((c) => stageOf.get(c.columnId) === 'in_progress');
    const blocked = open.filter((c) => c.blocked !== null);
    const risks: Risk[] = blocked.map((c) => ({
      kind: 'blocked',
      key: `blocked:card:${c.id}`,
      label: 'Blocked',
      cardId: c.id,
      memberId: null,
      skill: null,
      name: c.title,
      why: `Blocked: ${c.blocked!.reason}`,
    }));
    const fill = req.dark ? '#9ecae1' : '#08519c';
    const chart = (kind: string, title: string): ChartSvg => ({
      kind,
      title,
      summary: `${title} of ${board.name}.`,
      svg: `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10"><rect width="10" height="10" fill="${fill}"/></svg>`,
    });
    const none = { count: 0, p50: null, p85: null, p95: null };
    return {
      from: req.from,
      to: req.to,
      delivered: open.filter((c) => stageOf.get(c.columnId) === 'done').length,
      throughput: [],
      cycle: none,
      lead: none,
      flow: [],
      wipNow: inProgress.length,
      wipMean: null,
      referenceP85: null,
      aging: inProgress.map((c) => ({ cardId: c.id, ageDays: Math.floor((this.now() - c.createdAt) / 86_400_000), overP85: false })),
      blockedCards: blocked.length,
      blockedDays: 0,
      blockedNow: blocked.length,
      dueDoneWithDue: 0,
      dueOnTime: 0,
      dueHitRate: null,
      overdueOpen: 0,
      risks: [...risks, ...structuredClone(this.extraRisks)],
      charts: [
        chart('cumulative-flow', 'Cumulative flow'),
        chart('throughput', 'Throughput per week'),
        chart('cycle-time', 'Cycle time'),
      ],
    };
  }

  async listTeamGoals(): Promise<TeamGoalProgress[]> {
    const done = new Set(this.boards.flatMap((b) => b.columns.filter((c) => c.stage === 'done').map((c) => c.id)));
    const today = new Date(this.now()).toISOString().slice(0, 10);
    return [...this.goals]
      .sort((a, b) => byCodeUnits(a.targetDate, b.targetDate) || a.id - b.id)
      .map((goal) => {
        const cards = [...this.cardGoals].filter(([, g]) => g === goal.id).map(([id]) => this.cards.get(id)!);
        const effortOf = (c: Card) => c.estimate ?? 1;
        const finished = cards.filter((c) => done.has(c.columnId));
        const effort = cards.reduce((sum, c) => sum + effortOf(c), 0);
        const doneEffort = finished.reduce((sum, c) => sum + effortOf(c), 0);
        let status: GoalStatus;
        let why: string;
        if (cards.length === 0) [status, why] = ['no_cards', 'No card is linked to this goal yet.'];
        else if (finished.length === cards.length) [status, why] = ['done', 'Every linked card is done.'];
        else if (goal.targetDate < today) [status, why] = ['at_risk', 'The target date has passed.'];
        else if (finished.length === 0) [status, why] = ['not_started', 'No linked card is done yet.'];
        else [status, why] = ['on_track', 'On track for the target date.'];
        return {
          goal: { ...goal },
          cards: cards.length,
          doneCards: finished.length,
          effort,
          doneEffort,
          progress: effort === 0 ? 0 : doneEffort / effort,
          status,
          projected: null,
          why,
        };
      });
  }

  async saveTeamGoal(req: SaveTeamGoal): Promise<TeamGoal> {
    const title = validateTitle(req.title);
    const targetDate = req.targetDate.trim();
    if (!/^\d{4}-\d{2}-\d{2}$/.test(targetDate) || Number.isNaN(Date.parse(targetDate))) {
      throw new BackendError('invalid_input', `The target date \u201c${req.targetDate}\u201d is not a date; write it as YYYY-MM-DD.`);
    }
    if (req.goalId === null) {
      this.recordStep('Create goal');
      const goal = { id: this.nextGoalId++, title, targetDate, createdAt: this.now() };
      this.goals.push(goal);
      return { ...goal };
    }
    const goal = this.goals.find((g) => g.id === req.goalId);
    if (!goal) throw notFound('goal', req.goalId);
    this.recordStep('Edit goal');
    goal.title = title;
    goal.targetDate = targetDate;
    return { ...goal };
  }

  async deleteTeamGoal(goalId: number): Promise<null> {
    if (!this.goals.some((g) => g.id === goalId)) throw notFound('goal', goalId);
    this.recordStep('Delete goal');
    this.goals = this.goals.filter((g) => g.id !== goalId);
    for (const [card, goal] of [...this.cardGoals]) if (goal === goalId) this.cardGoals.delete(card);
    return null;
  }

  async setCardTeamGoal(req: SetCardTeamGoal): Promise<null> {
    if (req.goalId !== null && !this.goals.some((g) => g.id === req.goalId)) throw notFound('goal', req.goalId);
    const card = this.card(req.cardId);
    this.recordStep(req.goalId === null ? 'Unlink card from goal' : 'Link card to goal');
    if (req.goalId === null) this.cardGoals.delete(card.id);
    else this.cardGoals.set(card.id, req.goalId);
    card.updatedAt = this.now();
    return null;
  }

  // ---- Manager reports (a simple stand-in for the core's report) ----

  /** What the lead wrote per board and period. */
  private reportNotesByPeriod = new Map<string, ReportNotes>();
  /** What `saveReport` wrote, by path: the fake's export folder. */
  readonly savedReports = new Map<string, string>();

  private notesFor(req: ReportPeriod): ReportNotes {
    this.checkPeriod(req);
    return { ...(this.reportNotesByPeriod.get(periodKey(req)) ?? { status: null, statusReason: '', needs: '' }) };
  }

  private checkPeriod(req: ReportPeriod): void {
    const day = /^\d{4}-\d{2}-\d{2}$/;
    if (!day.test(req.from) || !day.test(req.to)) {
      throw new BackendError('invalid_input', 'Dates are written YYYY-MM-DD.');
    }
    for (const day of [req.from, req.to]) {
      const year = Number(day.slice(0, 4));
      if (year < 1900 || year > 2999) throw new BackendError('invalid_input', DATE_RANGE_MESSAGE);
    }
    if (req.from > req.to) throw new BackendError('invalid_input', 'The period ends before it starts.');
    this.boardNow(req.boardId);
  }

  async reportPreview(req: ReportPeriod): Promise<string> {
    const notes = this.notesFor(req);
    const board = this.boardNow(req.boardId);
    const done = new Set(board.columns.filter((c) => c.stage === 'done').map((c) => c.id));
    const delivered = board.cards.filter((c) => done.has(c.columnId)).map((c) => `<li>${escapeHtml(c.title)}</li>`);
    const status = notes.status ?? 'green';
    return [
      '<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>Team report</title></head><body>',
      `<h1>Team report: ${escapeHtml(board.name)}</h1>`,
      `<p>${req.from} to ${req.to}</p>`,
      `<p class="status">Status: ${status}${notes.statusReason ? ` (${escapeHtml(notes.statusReason)})` : ''}</p>`,
      `<h2>Delivered</h2><ul>${delivered.join('')}</ul>`,
      `<h2>Needs and asks</h2><p>${escapeHtml(notes.needs)}</p>`,
      '</body></html>',
    ].join('');
  }

  async reportNotes(req: ReportPeriod): Promise<ReportNotes> {
    return this.notesFor(req);
  }

  async setReportStatus(req: SetReportStatus): Promise<ReportNotes> {
    const notes = this.notesFor(req);
    const saved = { ...notes, status: req.status, statusReason: req.status === null ? '' : req.reason.trim() };
    this.reportNotesByPeriod.set(periodKey(req), saved);
    return { ...saved };
  }

  async setReportNeeds(req: SetReportNeeds): Promise<ReportNotes> {
    const saved = { ...this.notesFor(req), needs: req.text };
    this.reportNotesByPeriod.set(periodKey(req), saved);
    return { ...saved };
  }

  async saveReport(req: SaveReport): Promise<ExportedReport> {
    const html = await this.reportPreview(req);
    const stem = `/home/lead/Downloads/Team report ${req.from} to ${req.to}`;
    let n = 1;
    const path = () => `${n === 1 ? stem : `${stem} (${n})`}.${req.format}`;
    while (this.savedReports.has(path())) n += 1;
    this.savedReports.set(path(), html);
    return { files: [path()] };
  }

  /** What the fake save dialog answers: a path, or null as when the user cancels. */
  savePathAnswer: string | null = null;
  /** What the save dialog was asked, newest last. */
  readonly savePathRequests: SavePathRequest[] = [];

  async chooseSavePath(req: SavePathRequest): Promise<string | null> {
    this.savePathRequests.push(req);
    return this.savePathAnswer;
  }

  async exportReport(req: ExportReport): Promise<ExportedReport> {
    const html = await this.reportPreview(req);
    if (!req.path.startsWith('/')) throw new BackendError('storage', `Could not write ${req.path}: the folder does not exist.`);
    this.savedReports.set(req.path, html);
    return { files: [req.path] };
  }

  savePersonExport(memberId: number): Promise<string[]> {
    return this.journal.savePersonExport(memberId);
  }
  exportPerson(memberId: number): Promise<PersonExport> {
    return this.journal.exportPerson(memberId);
  }
  erasePerson(memberId: number): Promise<null> {
    return this.journal.erasePerson(memberId);
  }

  // ---- Export and import ----

  /** The fake's file system: text files by path. `exportWorkspace` writes here, `importFile` reads. */
  readonly files = new Map<string, string>();

  async exportWorkspace(req: ExportWorkspace): Promise<ExportedWorkspace> {
    if (!req.path.startsWith('/')) {
      throw new BackendError('storage', `The export could not be saved to ${req.path}: the folder does not exist. No file was written.`);
    }
    if (this.files.has(req.path) && !req.replace) {
      throw new BackendError(
        'invalid_input',
        `${req.path} already exists. Choose another name, or confirm replacing it. Nothing was written.`,
      );
    }
    const text = `${JSON.stringify(this.exportDocument(), null, 2)}\n`;
    this.files.set(req.path, text);
    return { path: req.path, bytes: new TextEncoder().encode(text).length };
  }

  async saveWorkspace(): Promise<ExportedWorkspace> {
    const stem = `${this.info.exportDir}/Teamlead export ${isoDay(new Date(this.now()))}`;
    let n = 1;
    const path = () => `${n === 1 ? stem : `${stem} (${n})`}.json`;
    while (this.files.has(path())) n += 1;
    return this.exportWorkspace({ path: path(), replace: false });
  }

  /** What the fake open dialog answers: a path, or null as when the user cancels. */
  openPathAnswer: string | null = null;
  /** What the open dialog was asked, newest last. */
  readonly openPathRequests: OpenPathRequest[] = [];

  async chooseOpenPath(req: OpenPathRequest): Promise<string | null> {
    this.openPathRequests.push(structuredClone(req));
    return this.openPathAnswer;
  }

  async importFile(req: ImportFile): Promise<ImportSummary> {
    const file = req.path.split('/').pop() || req.path;
    const text = this.files.get(req.path);
    if (text === undefined) {
      throw new BackendError('storage', `${req.path} could not be read: there is no such file. Nothing was imported.`);
    }
    const size = new TextEncoder().encode(text).length;
    if (size > MAX_IMPORT_BYTES) {
      throw new BackendError(
        'invalid_input',
        `${file} is ${size} bytes, more than the ${MAX_IMPORT_BYTES} bytes (64 MiB) a file to import may have. Nothing was imported.`,
      );
    }
    if (text.trim() === '') throw new BackendError('invalid_input', `${file} is empty. Nothing was imported.`);
    if (req.kind === 'json') return this.importDocument(file, text);
    if (req.kind === 'trello') return this.applyBoardSpec(file, trelloBoard(file, text), null);
    const stem = file.replace(/\.[^.]*$/, '') || 'Imported cards';
    return this.applyBoardSpec(file, csvBoard(file, text, req.boardId === null ? stem : null), req.boardId);
  }

  /**
   * The fake's part of the export format: people and boards with their columns, labels and
   * cards. The journal, goals and history are the core's to write; here they are empty.
   */
  private exportDocument() {
    return {
      format: 'teamlead',
      version: 1,
      exportedAt: this.now(),
      people: this.members.map((m) => ({
        id: m.id,
        name: m.name,
        role: m.role,
        weeklyCapacity: this.capacity.get(m.id) ?? null,
        skills: m.skills.map((s) => ({ name: s.name, level: s.level })),
        timeOff: this.timeOff.filter((t) => t.memberId === m.id).map((t) => ({ id: t.id, start: t.start, end: t.end })),
      })),
      boards: this.boards.map((b) => ({
        id: b.id,
        name: b.name,
        estimateUnit: b.estimateUnit,
        columns: b.columns.map((c) => ({ ...c })),
        labels: b.labels.map((l) => ({ ...l })),
        cards: b.columns.flatMap((c) =>
          (this.order.get(c.id) ?? []).map((id) => {
            const card = this.cards.get(id)!;
            return {
              id: card.id,
              columnId: card.columnId,
              title: card.title,
              description: card.description,
              priority: card.priority,
              due: card.due,
              estimate: card.estimate,
              assigneeId: card.assigneeId,
              labelIds: [...card.labelIds],
              checklist: this.checklistOf(card.id).map((i) => ({ id: i.id, text: i.text, done: i.done })),
              archivedAt: card.archivedAt,
            };
          }),
        ),
      })),
      teamGoals: [],
      sessions: [],
      agendaTemplates: [],
    };
  }

  private importDocument(file: string, text: string): ImportSummary {
    type Doc = ReturnType<FakeBackend['exportDocument']>;
    let doc: Doc;
    try {
      doc = JSON.parse(text) as Doc;
    } catch (error) {
      throw new BackendError('invalid_input', `${file} is not valid: ${(error as Error).message}. Nothing was imported.`);
    }
    if (doc?.format !== 'teamlead') {
      throw new BackendError(
        'invalid_input',
        `${file} is not a Teamlead export: it has no "format": "teamlead" field. Nothing was imported.`,
      );
    }
    if (doc.version !== 1) {
      throw new BackendError(
        'invalid_input',
        `${file} is a Teamlead export of version ${doc.version}; this version of Teamlead reads version 1. Update Teamlead to import it. Nothing was imported.`,
      );
    }
    if (!this.workspaceNow().empty) {
      throw new BackendError(
        'invalid_input',
        'This workspace already has a board. A Teamlead export is imported only into an empty workspace, so that nothing is mixed or overwritten: import it with another data folder (--data-dir). Nothing was imported.',
      );
    }
    const people = doc.people ?? [];
    const memberIndex = new Map(people.map((p, i) => [p.id, i + 1]));
    this.insertMembers(people.map((p) => ({ ...p, timeOff: p.timeOff ?? [] })));
    let cards = 0;
    let columns = 0;
    let labels = 0;
    for (const board of doc.boards ?? []) {
      // Cards are made column by column, in the file's order; their ids follow one another.
      const archived: boolean[] = [];
      const firstId = this.nextId.card;
      const stored = this.insertBoard({
        name: board.name,
        estimateUnit: board.estimateUnit,
        labels: board.labels,
        columns: board.columns.map((c) => ({
          name: c.name,
          stage: c.stage,
          wipLimit: c.wipLimit,
          archived: c.archivedAt !== null,
          cards: board.cards
            .filter((k) => k.columnId === c.id)
            .map((k) => {
              archived.push(k.archivedAt !== null);
              return {
                title: k.title,
                description: k.description,
                priority: k.priority,
                due: k.due,
                estimate: k.estimate,
                assigneeId: k.assigneeId === null ? null : (memberIndex.get(k.assigneeId) ?? null),
                labelIds: k.labelIds,
                checklist: k.checklist,
              };
            }),
        })),
      });
      archived.forEach((isArchived, i) => {
        if (isArchived) this.cards.get(firstId + i)!.archivedAt = this.now();
      });
      cards += archived.length;
      columns += stored.columns.length;
      labels += stored.labels.length;
    }
    this.undoStack = [];
    this.redoStack = [];
    return {
      boardId: this.boards[0]?.id ?? null,
      boards: (doc.boards ?? []).length,
      columns,
      cards,
      labels,
      people: people.length,
      sessions: 0,
    };
  }

  /** Adds cards, columns, labels and people from another tool: all checked first, then one undo step. */
  private applyBoardSpec(file: string, spec: BoardSpec, boardId: number | null): ImportSummary {
    const at = (source: string, check: () => void) => {
      try {
        check();
      } catch (error) {
        if (error instanceof BackendError) {
          throw new BackendError(error.code, `${file}: ${source}: ${error.message} Nothing was imported.`);
        }
        throw error;
      }
    };
    const target = boardId === null ? null : this.boards.find((b) => b.id === boardId);
    if (boardId !== null && !target) throw notFound('board', boardId);
    if (spec.newBoard !== null) validateName(spec.newBoard, 'board');
    for (const column of spec.columns) at('A column', () => validateName(column.name, 'column'));
    for (const label of spec.labels) at('A label', () => validateText(label.name, 'label name', MAX_LABEL_CHARS));
    for (const card of spec.cards) {
      at(card.source, () => {
        validateTitle(card.title);
        validateDescription(card.description);
        validateEstimate(card.estimate);
        validateDue(card.due);
        for (const item of card.checklist) validateText(item.text, 'checklist item', MAX_TITLE_CHARS);
        if (card.assignee !== null) validateText(card.assignee, 'name', MAX_NAME_CHARS);
      });
    }
    this.recordStep(spec.action);
    const summary: ImportSummary = { boardId: null, boards: 0, columns: 0, cards: 0, labels: 0, people: 0, sessions: 0 };
    let board = target;
    if (!board) {
      board = this.insertBoard({ name: validateName(spec.newBoard ?? 'Imported cards', 'board'), columns: [] });
      summary.boards = 1;
    }
    summary.boardId = board.id;
    const columnIds = spec.columns.map((c) => {
      const name = c.name.trim();
      const found = c.archived
        ? undefined
        : board.columns.find((k) => k.archivedAt === null && k.name.toLowerCase() === name.toLowerCase());
      if (found) return found.id;
      const column: Column = {
        id: this.nextId.column++,
        name,
        stage: guessStage(name),
        wipLimit: null,
        archivedAt: c.archived ? this.now() : null,
      };
      board.columns.push(column);
      this.order.set(column.id, []);
      summary.columns += 1;
      return column.id;
    });
    let firstOpen = board.columns.find((c) => c.archivedAt === null);
    if (!firstOpen) {
      firstOpen = { id: this.nextId.column++, name: 'To do', stage: 'not_started', wipLimit: null, archivedAt: null };
      board.columns.push(firstOpen);
      this.order.set(firstOpen.id, []);
      summary.columns += 1;
    }
    for (const label of spec.labels) {
      if (!board.labels.some((l) => l.name.toLowerCase() === label.name.toLowerCase())) {
        board.labels.push({ id: this.nextId.label++, name: label.name.trim(), color: label.color });
        summary.labels += 1;
      }
    }
    const person = (name: string): number => {
      const found = this.members.find((m) => m.name.toLowerCase() === name.trim().toLowerCase());
      if (found) return found.id;
      const id = Math.max(0, ...this.members.map((m) => m.id)) + 1;
      this.members.push({ id, name: name.trim(), role: '', skills: [] });
      this.capacity.set(id, null);
      summary.people += 1;
      return id;
    };
    for (const spec_card of spec.cards) {
      const columnId = spec_card.column === null ? firstOpen.id : columnIds[spec_card.column];
      const assignee = spec_card.assignee === null ? null : person(spec_card.assignee);
      const card = this.insertCard(columnId, validateTitle(spec_card.title), assignee);
      card.estimate = validateEstimate(spec_card.estimate);
      this.fillCard(board, card, {
        title: card.title,
        description: spec_card.description,
        due: spec_card.due,
        labels: spec_card.labels.map(
          (name) => board.labels.find((l) => l.name.toLowerCase() === name.trim().toLowerCase())!.name,
        ),
        checklist: spec_card.checklist,
      });
      if (spec_card.archived) {
        card.archivedAt = this.now();
        this.record(card.id, 'archived');
      }
      summary.cards += 1;
    }
    return summary;
  }

  // ---- Backend ----

  // ---- Backups ----

  private backups: { backup: Backup; number: number; data: FakeDatabase }[] = [];

  private database(): FakeDatabase {
    return structuredClone({
      board: this.snapshot(),
      members: this.members,
      journal: this.journal.saveState(),
      reportNotes: [...this.reportNotesByPeriod.entries()],
      undo: this.undoStack,
      redo: this.redoStack,
    });
  }

  private keepBackup(kind: BackupKind): Backup {
    const at = this.now();
    const second = at - (at % 1000);
    const number =
      1 + this.backups.filter((b) => b.backup.kind === kind && b.backup.createdAt === second).length;
    const data = this.database();
    const backup: Backup = {
      path: `${FAKE_BACKUP_DIR}/${backupFileName(kind, at, number)}`,
      kind,
      createdAt: second,
      size: JSON.stringify(data).length,
    };
    this.backups.push({ backup, number, data });
    return { ...backup };
  }

  async backupNow(): Promise<Backup> {
    return this.keepBackup('manual');
  }

  async listBackups(): Promise<Backup[]> {
    return [...this.backups]
      .sort((a, b) => b.backup.createdAt - a.backup.createdAt || b.number - a.number)
      .map((b) => ({ ...b.backup }));
  }

  /** Only the fake's own backups exist as files here; any other path is missing. */
  async restoreBackup(path: string): Promise<Restored> {
    const found = this.backups.find((b) => b.backup.path === path);
    if (!found) {
      throw new BackendError(
        'incompatible_database',
        restoreRefusedMessage(path, 'it cannot be read (there is no such file).'),
      );
    }
    const replaced = this.keepBackup('before_restore');
    const copy = structuredClone(found.data);
    this.restore(copy.board);
    this.members = copy.members;
    this.journal.loadState(copy.journal);
    this.reportNotesByPeriod = new Map(copy.reportNotes);
    this.undoStack = copy.undo;
    this.redoStack = copy.redo;
    return { schemaVersion: FAKE_SCHEMA_VERSION, replaced };
  }

  async appInfo(): Promise<AppInfo> {
    return { ...this.info };
  }

  async workspace(): Promise<Workspace> {
    return this.workspaceNow();
  }

  async seedDemo(): Promise<Workspace> {
    this.ensureEmpty();
    this.insertMembers(demoPeople(this.now()));
    this.insertBoard(demoBoard(this.now()));
    return this.workspaceNow();
  }

  async startFresh(): Promise<Workspace> {
    this.ensureEmpty();
    this.insertBoard({ name: 'My team', columns: FRESH_COLUMNS.map((name) => ({ name })) });
    return this.workspaceNow();
  }

  async loadBoard(boardId: number): Promise<Board> {
    return this.boardNow(boardId);
  }

  async boardLoads(boardId: number): Promise<Load[]> {
    return this.boardNow(boardId).loads;
  }

  async listMembers(): Promise<Member[]> {
    return structuredClone(this.members);
  }

  async createCard(req: CreateCard): Promise<Card> {
    const title = validateTitle(req.title);
    if (this.column(req.columnId).archivedAt !== null) {
      throw new BackendError('invalid_input', CREATE_IN_ARCHIVED_COLUMN_MESSAGE);
    }
    this.recordStep('Create card');
    const card = this.insertCard(req.columnId, title, null);
    return this.out(card);
  }

  async renameCard(req: RenameCard): Promise<Card> {
    const title = validateTitle(req.title);
    const card = this.cards.get(req.cardId);
    if (!card) throw notFound('card', req.cardId);
    this.recordStep('Edit title');
    card.title = title;
    card.updatedAt = this.now();
    this.record(card.id, 'renamed');
    return this.out(card);
  }

  async moveCard(req: MoveCard): Promise<CardPlace> {
    // In the core's order of checks.
    if (req.afterId === req.cardId) {
      throw new BackendError('invalid_input', 'A card cannot be placed after itself.');
    }
    const card = this.card(req.cardId);
    const target = this.findColumn(req.columnId);
    if (target && target.archivedAt !== null) {
      throw new BackendError('invalid_input', MOVE_INTO_ARCHIVED_COLUMN_MESSAGE);
    }
    if (card.archivedAt !== null) throw new BackendError('invalid_input', MOVE_ARCHIVED_MESSAGE);
    if (req.afterId !== null && (this.cards.get(req.afterId)?.archivedAt ?? null) !== null) {
      throw new BackendError('invalid_input', AFTER_ARCHIVED_MESSAGE);
    }
    if (!target) throw notFound('column', req.columnId);
    if (this.columnBoard(card.columnId) !== this.columnBoard(req.columnId)) {
      throw new BackendError('invalid_input', 'A card can only move to a column of its own board.');
    }
    if (req.afterId !== null) {
      const after = this.cards.get(req.afterId);
      if (!after) throw notFound('card', req.afterId);
      if (after.columnId !== req.columnId) {
        throw new BackendError('invalid_input', 'The card to place after is in another column.');
      }
    }
    this.recordStep('Move card');
    const from = card.columnId;
    const source = this.order.get(card.columnId)!;
    source.splice(source.indexOf(card.id), 1);
    const list = this.order.get(req.columnId)!;
    const index = req.afterId === null ? 0 : list.indexOf(req.afterId) + 1;
    list.splice(index, 0, card.id);
    card.columnId = req.columnId;
    card.updatedAt = this.now();
    this.rerank(source);
    this.rerank(list);
    this.record(card.id, 'moved', { fromColumnId: from, toColumnId: req.columnId });
    return placeOf(card);
  }

  async placeCard(req: PlaceCard): Promise<CardPlace> {
    if (req.afterId === req.cardId) {
      throw new BackendError('invalid_input', 'A card cannot be placed after itself.');
    }
    const before = this.snapshot();
    const [undo, redo] = [[...this.undoStack], [...this.redoStack]];
    try {
      await this.assignCard({ cardId: req.cardId, memberId: req.memberId });
      const card = await this.moveCard({ cardId: req.cardId, columnId: req.columnId, afterId: req.afterId });
      // One action, one step, as in the core.
      this.undoStack = [...undo, { label: 'Move and assign card', state: before }];
      this.redoStack = [];
      return card;
    } catch (error) {
      this.restore(before);
      [this.undoStack, this.redoStack] = [undo, redo];
      throw error;
    }
  }

  async assignCard(req: AssignCard): Promise<Card> {
    // The core looks for the person first, then the card.
    if (req.memberId !== null && !this.members.some((m) => m.id === req.memberId)) {
      throw notFound('team member', req.memberId);
    }
    const card = this.card(req.cardId);
    this.recordStep(req.memberId === null ? 'Unassign card' : 'Assign card');
    card.assigneeId = req.memberId;
    // Given to someone else, it no longer stays with the person it was pinned to.
    if (card.pinnedTo !== req.memberId) card.pinnedTo = null;
    card.updatedAt = this.now();
    this.record(card.id, 'assigned', { memberId: req.memberId });
    return this.out(card);
  }

  async setWipLimit(req: SetWipLimit): Promise<Column> {
    const limit = validateWipLimit(req.limit);
    const column = this.column(req.columnId);
    this.recordStep(limit === null ? 'Clear WIP limit' : 'Set WIP limit');
    column.wipLimit = limit;
    return { ...column };
  }

  async setEstimate(req: SetEstimate): Promise<Card> {
    const estimate = validateEstimate(req.estimate);
    const card = this.card(req.cardId);
    this.recordStep(estimate === null ? 'Clear estimate' : 'Set estimate');
    card.estimate = estimate;
    card.updatedAt = this.now();
    return this.out(card);
  }

  async archiveCard(cardId: number): Promise<Card> {
    const card = this.card(cardId);
    if (card.archivedAt !== null) throw new BackendError('invalid_input', ALREADY_ARCHIVED_MESSAGE);
    this.recordStep('Archive card');
    // It keeps its column and rank, so restoring puts it back where it was.
    card.archivedAt = this.now();
    card.updatedAt = card.archivedAt;
    this.record(card.id, 'archived');
    return this.out(card);
  }

  async restoreCard(cardId: number): Promise<Card> {
    const card = this.card(cardId);
    if (card.archivedAt === null) throw new BackendError('invalid_input', NOT_ARCHIVED_MESSAGE);
    this.recordStep('Restore card');
    card.archivedAt = null;
    card.updatedAt = this.now();
    this.record(card.id, 'restored');
    return this.out(card);
  }

  async deleteCard(cardId: number): Promise<null> {
    const card = this.card(cardId);
    this.recordStep('Delete card');
    this.dropCard(card);
    return null;
  }

  async archivedCards(boardId: number): Promise<Card[]> {
    // As the core: an unknown board simply has no archived cards.
    const columns = new Set(this.boards.find((b) => b.id === boardId)?.columns.map((c) => c.id) ?? []);
    return [...this.cards.values()]
      .filter((c) => c.archivedAt !== null && columns.has(c.columnId))
      .sort((a, b) => b.archivedAt! - a.archivedAt! || b.id - a.id)
      .map((c) => this.out(c));
  }

  async addColumn(req: AddColumn): Promise<Column> {
    const name = validateName(req.name, 'column');
    const board = this.boards.find((b) => b.id === req.boardId);
    if (!board) throw notFound('board', req.boardId);
    const index = this.indexAfter(board, req.afterId);
    this.recordStep('Add column');
    const column: Column = {
      id: this.nextId.column++,
      name,
      stage: guessStage(name),
      wipLimit: null,
      archivedAt: null,
    };
    board.columns.splice(index, 0, column);
    this.order.set(column.id, []);
    return { ...column };
  }

  async renameColumn(req: RenameColumn): Promise<Column> {
    const name = validateName(req.name, 'column');
    const column = this.column(req.columnId);
    this.recordStep('Rename column');
    // As the core: a stage guessed from the old name is guessed again from the new one.
    if (column.stage === guessStage(column.name)) column.stage = guessStage(name);
    column.name = name;
    return { ...column };
  }

  async moveColumn(req: MoveColumn): Promise<Column> {
    if (req.afterId === req.columnId) throw new BackendError('invalid_input', COLUMN_AFTER_ITSELF_MESSAGE);
    const board = this.boards.find((b) => b.id === this.columnBoard(req.columnId))!;
    const from = board.columns.findIndex((c) => c.id === req.columnId);
    const rest = board.columns.filter((c) => c.id !== req.columnId);
    const index = this.indexAfter({ ...board, columns: rest }, req.afterId);
    this.recordStep('Move column');
    const [column] = board.columns.splice(from, 1);
    board.columns.splice(index, 0, column);
    return { ...column };
  }

  async deleteColumn(req: DeleteColumn): Promise<null> {
    const board = this.boards.find((b) => b.id === this.columnBoard(req.columnId))!;
    const others = board.columns.filter((c) => c.id !== req.columnId && c.archivedAt === null);
    if (others.length === 0) throw new BackendError('invalid_input', LAST_COLUMN_MESSAGE);
    // Archived cards count too: they keep their column.
    const ids = this.order.get(req.columnId)!;
    if (ids.length > 0) {
      if (req.cardsTo === null) throw new BackendError('invalid_input', CARDS_TO_REQUIRED_MESSAGE);
      if (req.cardsTo === req.columnId) throw new BackendError('invalid_input', CARDS_TO_SELF_MESSAGE);
      if (this.columnBoard(req.cardsTo) !== board.id) {
        throw new BackendError('invalid_input', CARDS_TO_OTHER_BOARD_MESSAGE);
      }
      if (this.column(req.cardsTo).archivedAt !== null) {
        throw new BackendError('invalid_input', CARDS_TO_ARCHIVED_MESSAGE);
      }
    }
    this.recordStep('Delete column');
    if (ids.length > 0) {
      const target = this.order.get(req.cardsTo!)!;
      const now = this.now();
      for (const id of ids) {
        const card = this.cards.get(id)!;
        card.columnId = req.cardsTo!;
        card.updatedAt = now;
        target.push(id);
        this.record(id, 'moved', { fromColumnId: req.columnId, toColumnId: req.cardsTo });
      }
      this.rerank(target);
    }
    this.order.delete(req.columnId);
    board.columns = board.columns.filter((c) => c.id !== req.columnId);
    return null;
  }

  async addBoard(name: string): Promise<Board> {
    const valid = validateName(name, 'board');
    this.recordStep('Create board');
    const board = this.insertBoard({ name: valid, columns: FRESH_COLUMNS.map((n) => ({ name: n })) });
    return this.boardNow(board.id);
  }

  async renameBoard(req: RenameBoard): Promise<null> {
    const name = validateName(req.name, 'board');
    const board = this.boards.find((b) => b.id === req.boardId);
    if (!board) throw notFound('board', req.boardId);
    this.recordStep('Rename board');
    board.name = name;
    return null;
  }

  async cardDetail(cardId: number): Promise<CardDetail> {
    const card = this.card(cardId);
    const history = structuredClone(this.events.get(cardId) ?? []);
    const board = this.boards.find((b) => b.id === this.columnBoard(card.columnId))!;
    // Archived columns too; deleted ones are unknown.
    const stages = new Map(board.columns.map((c) => [c.id, c.stage]));
    const dates = flowDates(history, (id) => stages.get(id));
    return {
      card: this.out(card),
      checklist: this.checklistOf(cardId).map((i) => ({ ...i })),
      history,
      startedAt: dates.startedAt,
      doneAt: dates.doneAt,
      teamGoalId: this.cardGoals.get(cardId) ?? null,
    };
  }

  async setDescription(req: SetDescription): Promise<Card> {
    const text = validateDescription(req.text);
    const card = this.card(req.cardId);
    this.recordStep('Edit description');
    card.description = text;
    card.updatedAt = this.now();
    return this.out(card);
  }

  async setPriority(req: SetPriority): Promise<Card> {
    const card = this.card(req.cardId);
    this.recordStep('Set priority');
    card.priority = req.priority;
    card.updatedAt = this.now();
    return this.out(card);
  }

  async setDue(req: SetDue): Promise<Card> {
    // Checked where the request arrives, before the card is looked for.
    const due = validateDue(req.due);
    const card = this.card(req.cardId);
    this.recordStep(due === null ? 'Clear due date' : 'Set due date');
    card.due = due;
    card.updatedAt = this.now();
    return this.out(card);
  }

  async blockCard(req: BlockCard): Promise<Card> {
    const reason = validateText(req.reason, 'reason', MAX_TITLE_CHARS);
    const card = this.card(req.cardId);
    const wasBlocked = card.blocked !== null;
    this.recordStep(wasBlocked ? 'Edit block reason' : 'Block card');
    const now = this.now();
    // An already blocked card keeps its blocked-since time.
    card.blocked = { reason, since: card.blocked?.since ?? now };
    card.updatedAt = now;
    if (!wasBlocked) this.record(card.id, 'blocked', { detail: reason });
    return this.out(card);
  }

  async unblockCard(cardId: number): Promise<Card> {
    const card = this.card(cardId);
    if (card.blocked === null) throw new BackendError('invalid_input', NOT_BLOCKED_MESSAGE);
    this.recordStep('Unblock card');
    card.blocked = null;
    card.updatedAt = this.now();
    // The core records an empty detail for an unblock.
    this.record(card.id, 'unblocked', { detail: '' });
    return this.out(card);
  }

  async createLabel(req: CreateLabel): Promise<Label> {
    const name = validateText(req.name, 'label name', MAX_LABEL_CHARS);
    const board = this.boards.find((b) => b.id === req.boardId);
    if (!board) throw notFound('board', req.boardId);
    this.ensureLabelFree(board, name, null);
    this.recordStep('Create label');
    const label: Label = { id: this.nextId.label++, name, color: req.color };
    board.labels.push(label);
    return { ...label };
  }

  async updateLabel(req: UpdateLabel): Promise<Label> {
    const name = validateText(req.name, 'label name', MAX_LABEL_CHARS);
    const { board, label } = this.label(req.labelId);
    this.ensureLabelFree(board, name, label.id);
    this.recordStep('Edit label');
    label.name = name;
    label.color = req.color;
    return { ...label };
  }

  async deleteLabel(labelId: number): Promise<null> {
    const { board, label } = this.label(labelId);
    this.recordStep('Delete label');
    board.labels = board.labels.filter((l) => l.id !== label.id);
    // Off every card too, as the core's cascade does (without touching the cards).
    for (const card of this.cards.values()) card.labelIds = card.labelIds.filter((id) => id !== labelId);
    return null;
  }

  async setCardLabel(req: SetCardLabel): Promise<Card> {
    const { board } = this.label(req.labelId);
    const card = this.card(req.cardId);
    if (this.columnBoard(card.columnId) !== board.id) {
      throw new BackendError('invalid_input', LABEL_OTHER_BOARD_MESSAGE);
    }
    this.recordStep(req.on ? 'Add label' : 'Remove label');
    const others = card.labelIds.filter((id) => id !== req.labelId);
    card.labelIds = req.on ? [...others, req.labelId].sort((a, b) => a - b) : others;
    card.updatedAt = this.now();
    return this.out(card);
  }

  async setCardSkill(req: SetCardSkill): Promise<Card> {
    const skill = validateText(req.skill, 'skill name', MAX_SKILL_CHARS);
    const level = req.minLevel === null ? null : validateLevel(req.minLevel);
    const card = this.card(req.cardId);
    this.recordStep(level === null ? 'Remove required skill' : 'Require skill');
    const others = card.skills.filter((s) => s.skill !== skill);
    card.skills =
      level === null
        ? others
        : [...others, { skill, minLevel: level }].sort((a, b) => byCodeUnits(a.skill, b.skill));
    card.updatedAt = this.now();
    return this.out(card);
  }

  async skillNames(): Promise<string[]> {
    const names = new Set<string>();
    for (const member of this.members) for (const s of member.skills) names.add(s.name);
    for (const card of this.cards.values()) for (const s of card.skills) names.add(s.skill);
    return [...names].sort((a, b) => byCodeUnits(nocase(a), nocase(b)) || byCodeUnits(a, b));
  }

  async addChecklistItem(req: AddChecklistItem): Promise<ChecklistItem> {
    const text = validateText(req.text, 'checklist item', MAX_TITLE_CHARS);
    const card = this.card(req.cardId);
    this.recordStep('Add checklist item');
    const item: ChecklistItem = { id: this.nextId.item++, cardId: card.id, text, done: false };
    this.items.set(item.id, item);
    card.updatedAt = this.now();
    return { ...item };
  }

  async renameChecklistItem(req: RenameChecklistItem): Promise<ChecklistItem> {
    const text = validateText(req.text, 'checklist item', MAX_TITLE_CHARS);
    const item = this.item(req.itemId);
    this.recordStep('Edit checklist item');
    item.text = text;
    this.card(item.cardId).updatedAt = this.now();
    return { ...item };
  }

  async checkChecklistItem(req: CheckChecklistItem): Promise<ChecklistItem> {
    const item = this.item(req.itemId);
    this.recordStep(req.done ? 'Check item' : 'Uncheck item');
    item.done = req.done;
    this.card(item.cardId).updatedAt = this.now();
    return { ...item };
  }

  async deleteChecklistItem(itemId: number): Promise<null> {
    const item = this.item(itemId);
    this.recordStep('Delete checklist item');
    this.items.delete(itemId);
    this.card(item.cardId).updatedAt = this.now();
    return null;
  }

  async archiveColumn(columnId: number): Promise<Column> {
    const board = this.boards.find((b) => b.id === this.columnBoard(columnId))!;
    const column = this.column(columnId);
    if (column.archivedAt !== null) throw new BackendError('invalid_input', COLUMN_ALREADY_ARCHIVED_MESSAGE);
    if (!board.columns.some((c) => c.id !== columnId && c.archivedAt === null)) {
      throw new BackendError('invalid_input', LAST_OPEN_COLUMN_MESSAGE);
    }
    this.recordStep('Archive column');
    column.archivedAt = this.now();
    return { ...column };
  }

  async restoreColumn(columnId: number): Promise<Column> {
    const column = this.column(columnId);
    if (column.archivedAt === null) throw new BackendError('invalid_input', COLUMN_NOT_ARCHIVED_MESSAGE);
    this.recordStep('Restore column');
    column.archivedAt = null;
    return { ...column };
  }

  async archivedColumns(boardId: number): Promise<ArchivedColumn[]> {
    // As the core: an unknown board simply has none.
    const board = this.boards.find((b) => b.id === boardId);
    return (board?.columns ?? [])
      .filter((c) => c.archivedAt !== null)
      .sort((a, b) => b.archivedAt! - a.archivedAt! || b.id - a.id)
      .map((column) => ({
        column: { ...column },
        // The cards still on it; its archived cards are not counted.
        cards: (this.order.get(column.id) ?? []).filter((id) => this.cards.get(id)!.archivedAt === null).length,
      }));
  }

  // ---- Workload ----

  async workload(req: WorkloadQuery): Promise<Workload> {
    const horizon = validatePeriod('The horizon', req.horizon.start, req.horizon.end);
    const board = this.boardNow(req.boardId);
    const open = this.openCards(board);
    const byMember = [...this.members].sort((a, b) => byCodeUnits(a.name, b.name) || a.id - b.id);
    const people = byMember.map((m) => {
      const weeklyCapacity = this.capacity.get(m.id) ?? null;
      const timeOff = this.timeOffOf(m.id);
      const days = workingDays(horizon, timeOff);
      const available = ((weeklyCapacity ?? 0) * days) / 5;
      const mine = open.filter((c) => c.assigneeId === m.id);
      const centi = mine.reduce((sum, c) => sum + Math.round((c.estimate ?? 0) * 100), 0);
      return {
        memberId: m.id,
        name: m.name,
        weeklyCapacity,
        timeOff,
        workingDays: days,
        available,
        assigned: centi / 100,
        openCards: mine.length,
        unestimated: mine.filter((c) => c.estimate === null).length,
        utilisation: available > 0 ? centi / 100 / available : null,
      };
    });
    const nobody = open.filter((c) => c.assigneeId === null);
    return {
      horizon,
      unit: board.estimateUnit,
      people,
      skills: this.coverage(open),
      unassigned: {
        openCards: nobody.length,
        unestimated: nobody.filter((c) => c.estimate === null).length,
        estimate: nobody.reduce((sum, c) => sum + Math.round((c.estimate ?? 0) * 100), 0) / 100,
      },
    };
  }

  /** The fake's planner is a simplified greedy one (`greedyPlan`); the app uses the core's. */
  async suggestPlan(req: SuggestPlan): Promise<Plan> {
    const horizon = validatePeriod('The horizon', req.horizon.start, req.horizon.end);
    if (!(req.maxStretchShare >= 0 && req.maxStretchShare <= 1)) {
      throw new BackendError('invalid_input', 'The stretch share must be a number from 0 to 1.');
    }
    const open = this.openCards(this.boardNow(req.boardId));
    for (const id of req.cardIds ?? []) {
      if (!open.some((c) => c.id === id)) {
        throw new BackendError('invalid_input', `Card #${id} is not an open card of this board.`);
      }
    }
    const people = this.members.map((m) => ({
      id: m.id,
      name: m.name,
      weeklyCapacity: this.capacity.get(m.id) ?? 0,
      timeOff: this.timeOffOf(m.id),
      skills: m.skills,
    }));
    const cards = open.map((c) => ({ ...c, needs: c.skills }));
    return greedyPlan(people, cards, horizon, req.cardIds);
  }

  async applyPlan(req: ApplyPlan): Promise<null> {
    if (req.assignments.length === 0) throw new BackendError('invalid_input', APPLY_EMPTY_MESSAGE);
    const seen = new Set<number>();
    for (const { cardId } of req.assignments) {
      if (seen.has(cardId)) throw new BackendError('invalid_input', `Card #${cardId} is listed twice.`);
      seen.add(cardId);
    }
    const board = this.boards.find((b) => b.id === req.boardId);
    if (!board) throw notFound('board', req.boardId);
    const stale = (id: number, why: string) =>
      new BackendError('invalid_input', `Card #${id} ${why}; suggest again to see the board as it is now.`);
    for (const { cardId, memberId } of req.assignments) {
      const card = this.card(cardId);
      const column = this.column(card.columnId);
      if (this.columnBoard(card.columnId) !== board.id) throw stale(cardId, 'is on another board');
      if (card.archivedAt !== null || column.archivedAt !== null) throw stale(cardId, 'is archived');
      if (column.stage === 'done') throw stale(cardId, 'is done');
      const member = this.members.find((m) => m.id === memberId);
      if (!member) throw notFound('team member', memberId);
      if (card.pinnedTo !== null && card.pinnedTo !== memberId) {
        const pinned = this.members.find((m) => m.id === card.pinnedTo)?.name ?? '';
        throw new BackendError(
          'invalid_input',
          `Card #${cardId} is pinned to ${pinned}; unpin it before giving it to ${member.name}.`,
        );
      }
    }
    this.recordStep('Apply suggestions');
    for (const { cardId, memberId } of req.assignments) {
      const card = this.card(cardId);
      if (card.assigneeId === memberId) continue;
      card.assigneeId = memberId;
      card.updatedAt = this.now();
      this.record(cardId, 'assigned', { memberId });
    }
    return null;
  }

  async setCapacity(req: SetCapacity): Promise<null> {
    const value = validateCapacity(req.weeklyCapacity);
    if (!this.members.some((m) => m.id === req.memberId)) throw notFound('team member', req.memberId);
    this.recordStep(value === null ? 'Clear capacity' : 'Set capacity');
    this.capacity.set(req.memberId, value);
    return null;
  }

  async addTimeOff(req: AddTimeOff): Promise<TimeOff> {
    const { start, end } = validatePeriod('Time off', req.start, req.end);
    if (!this.members.some((m) => m.id === req.memberId)) throw notFound('team member', req.memberId);
    this.recordStep('Add time off');
    const period: TimeOff = { id: this.nextId.timeOff++, memberId: req.memberId, start, end };
    this.timeOff.push(period);
    return { ...period };
  }

  async removeTimeOff(timeOffId: number): Promise<null> {
    if (!this.timeOff.some((t) => t.id === timeOffId)) throw notFound('time off', timeOffId);
    this.recordStep('Remove time off');
    this.timeOff = this.timeOff.filter((t) => t.id !== timeOffId);
    return null;
  }

  async pinCard(req: PinCard): Promise<Card> {
    const card = this.card(req.cardId);
    if (req.pinned && card.assigneeId === null) throw new BackendError('invalid_input', PIN_UNASSIGNED_MESSAGE);
    this.recordStep(req.pinned ? 'Pin card' : 'Unpin card');
    const pin = req.pinned ? card.assigneeId : null;
    if (card.pinnedTo !== pin) {
      card.pinnedTo = pin;
      card.updatedAt = this.now();
    }
    return this.out(card);
  }

  /** A board's open cards in id order: not in a done column (archived ones are not on it). */
  private openCards(board: Board): Card[] {
    const done = new Set(board.columns.filter((c) => c.stage === 'done').map((c) => c.id));
    return board.cards.filter((c) => !done.has(c.columnId)).sort((a, b) => a.id - b.id);
  }

  private timeOffOf(memberId: number): TimeOff[] {
    return this.timeOff
      .filter((t) => t.memberId === memberId)
      .sort((a, b) => byCodeUnits(a.start, b.start) || byCodeUnits(a.end, b.end) || a.id - b.id)
      .map((t) => ({ ...t }));
  }

  /** As the core: skills by name ignoring case, first spelling met, holders' before cards'. */
  private coverage(open: Card[]): SkillCoverage[] {
    const key = (name: string) => name.trim().toLowerCase();
    const skills = new Map<string, SkillCoverage>();
    for (const m of [...this.members].sort((a, b) => a.id - b.id)) {
      for (const s of m.skills) {
        const entry = skills.get(key(s.name)) ?? { skill: s.name.trim(), holders: [], openCards: 0, singleHolder: false };
        skills.set(key(s.name), entry);
        const holder = entry.holders.find((h) => h.memberId === m.id);
        if (holder) holder.level = Math.max(holder.level, s.level);
        else entry.holders.push({ memberId: m.id, level: s.level });
      }
    }
    for (const card of open) {
      for (const need of card.skills) {
        if (!skills.has(key(need.skill))) {
          skills.set(key(need.skill), { skill: need.skill.trim(), holders: [], openCards: 0, singleHolder: false });
        }
      }
      for (const name of new Set(card.skills.map((n) => key(n.skill)))) skills.get(name)!.openCards += 1;
    }
    return [...skills.entries()]
      .sort(([a], [b]) => byCodeUnits(a, b))
      .map(([, s]) => ({
        ...s,
        holders: s.holders.sort((a, b) => b.level - a.level || a.memberId - b.memberId),
        singleHolder: s.holders.length === 1,
      }));
  }

  // ---- Inspection, for tests ----

  /** The board as the core would return it (archived cards and columns left out), synchronously. */
  boardNow(boardId: number): Board {
    const board = this.boards.find((b) => b.id === boardId);
    if (!board) throw notFound('board', boardId);
    const open = board.columns.filter((c) => c.archivedAt === null);
    const cards: Card[] = [];
    for (const column of open) {
      const inColumn = [...this.cards.values()].filter((c) => c.columnId === column.id && c.archivedAt === null);
      inColumn.sort((a, b) => byCodeUnits(a.rank, b.rank));
      cards.push(...inColumn.map((c) => this.out(c)));
    }
    const columns = open.map((c) => ({ ...c }));
    const labels = [...board.labels]
      .sort((a, b) => byCodeUnits(nocase(a.name), nocase(b.name)) || a.id - b.id)
      .map((l) => ({ ...l }));
    return {
      id: board.id,
      name: board.name,
      estimateUnit: board.estimateUnit,
      columns,
      cards,
      labels,
      loads: loadsOf(columns, cards),
    };
  }

  /** Card titles per column name, top to bottom. */
  titles(boardId = this.boards[0]?.id ?? 1): Record<string, string[]> {
    const board = this.boardNow(boardId);
    return Object.fromEntries(
      board.columns.map((col) => [
        col.name,
        board.cards.filter((c) => c.columnId === col.id).map((c) => c.title),
      ]),
    );
  }

  cardNow(cardId: number): Card | undefined {
    const card = this.cards.get(cardId);
    return card && this.out(card);
  }

  /** The labels of a board, in the order they were made. */
  labelsNow(boardId = this.boards[0]?.id ?? 1): Label[] {
    return structuredClone(this.boards.find((b) => b.id === boardId)?.labels ?? []);
  }

  /** A card's checklist, top to bottom. */
  checklistNow(cardId: number): ChecklistItem[] {
    return this.checklistOf(cardId).map((i) => ({ ...i }));
  }

  /** A member's weekly capacity in units; null when not set. */
  capacityNow(memberId: number): number | null {
    return this.capacity.get(memberId) ?? null;
  }

  /** Every period of time off, in the order added. */
  timeOffNow(): TimeOff[] {
    return structuredClone(this.timeOff);
  }

  /** The label of the newest action that undo would revert, or null. */
  undoLabel(): string | null {
    return this.undoStack.at(-1)?.label ?? null;
  }

  // ---- Internals ----

  async undo(): Promise<UndoStep> {
    return this.replay(this.undoStack, this.redoStack);
  }

  async redo(): Promise<UndoStep> {
    return this.replay(this.redoStack, this.undoStack);
  }

  /** Remembers the state before an action that is about to succeed, as the core's undo log does. */
  private recordStep(label: string): void {
    this.undoStack.push({ label, state: this.snapshot() });
    this.redoStack = [];
  }

  private replay(
    from: { label: string; state: Snapshot }[],
    to: { label: string; state: Snapshot }[],
  ): UndoStep {
    const step = from.pop();
    if (!step) return { label: null };
    to.push({ label: step.label, state: this.snapshot() });
    this.restore(step.state);
    return { label: step.label };
  }

  private snapshot(): Snapshot {
    return structuredClone({
      boards: this.boards,
      cards: [...this.cards.entries()],
      order: [...this.order.entries()],
      items: [...this.items.entries()],
      events: [...this.events.entries()],
      capacity: [...this.capacity.entries()],
      timeOff: this.timeOff,
      nextId: this.nextId,
      goals: this.goals,
      cardGoals: [...this.cardGoals.entries()],
    });
  }

  private restore(state: Snapshot): void {
    const copy = structuredClone(state);
    this.boards = copy.boards;
    this.cards = new Map(copy.cards);
    this.order = new Map(copy.order);
    this.items = new Map(copy.items);
    this.events = new Map(copy.events);
    this.capacity = new Map(copy.capacity);
    this.timeOff = copy.timeOff;
    this.nextId = copy.nextId;
    this.goals = copy.goals;
    this.cardGoals = new Map(copy.cardGoals);
  }

  /** Adds an event to a card's history, now. */
  private record(
    cardId: number,
    kind: EventKind,
    fields: Partial<Pick<CardEvent, 'fromColumnId' | 'toColumnId' | 'memberId' | 'detail'>> = {},
  ): void {
    const event: CardEvent = {
      kind,
      fromColumnId: fields.fromColumnId ?? null,
      toColumnId: fields.toColumnId ?? null,
      memberId: fields.memberId ?? null,
      detail: fields.detail ?? null,
      at: this.now(),
    };
    const list = this.events.get(cardId);
    if (list) list.push(event);
    else this.events.set(cardId, [event]);
  }

  /** A copy of a card as the core returns it, with its checklist progress. */
  private out(card: Card): Card {
    const items = this.checklistOf(card.id);
    return {
      ...structuredClone(card),
      checklist: { done: items.filter((i) => i.done).length, total: items.length },
    };
  }

  private checklistOf(cardId: number): ChecklistItem[] {
    return [...this.items.values()].filter((i) => i.cardId === cardId).sort((a, b) => a.id - b.id);
  }

  private dropCard(card: Card): void {
    this.cards.delete(card.id);
    this.events.delete(card.id);
    for (const item of this.checklistOf(card.id)) this.items.delete(item.id);
    const ids = this.order.get(card.columnId)!;
    ids.splice(ids.indexOf(card.id), 1);
    this.rerank(ids);
  }

  private workspaceNow(): Workspace {
    return {
      empty: this.boards.length === 0 && this.members.length === 0,
      boards: this.boards.map((b) => ({ id: b.id, name: b.name })),
    };
  }

  private ensureEmpty(): void {
    if (!this.workspaceNow().empty) {
      throw new BackendError(
        'invalid_input',
        'This workspace already has data; the starting board is only made for an empty one.',
      );
    }
  }

  private insertMembers(people: FakeMemberInit[]): void {
    this.members = people.map((m, i) => ({
      id: i + 1,
      name: m.name,
      role: m.role,
      skills: structuredClone(m.skills ?? []),
    }));
    people.forEach((m, i) => {
      this.capacity.set(i + 1, validateCapacity(m.weeklyCapacity ?? null));
      for (const period of m.timeOff ?? []) {
        const { start, end } = validatePeriod('Time off', period.start, period.end);
        this.timeOff.push({ id: this.nextId.timeOff++, memberId: i + 1, start, end });
      }
    });
  }

  private insertBoard(init: FakeBoardInit): StoredBoard {
    const board: StoredBoard = {
      id: this.nextId.board++,
      name: init.name,
      estimateUnit: init.estimateUnit ?? 'points',
      columns: [],
      labels: [],
    };
    this.boards.push(board);
    for (const label of init.labels ?? []) {
      const id = 'id' in label ? label.id : this.nextId.label++;
      this.nextId.label = Math.max(this.nextId.label, id + 1);
      board.labels.push({ id, name: label.name, color: label.color });
    }
    const archive: Column[] = [];
    for (const col of init.columns) {
      const column: Column = {
        id: this.nextId.column++,
        name: col.name,
        stage: col.stage ?? guessStage(col.name),
        wipLimit: validateWipLimit(col.wipLimit ?? null),
        archivedAt: null,
      };
      board.columns.push(column);
      this.order.set(column.id, []);
      if (col.archived) archive.push(column);
      for (const item of col.cards ?? []) {
        const spec = typeof item === 'string' ? { title: item } : item;
        const card = this.insertCard(column.id, validateTitle(spec.title), spec.assigneeId ?? null);
        card.estimate = validateEstimate(spec.estimate ?? null);
        this.fillCard(board, card, spec);
      }
    }
    for (const column of archive) column.archivedAt = this.now();
    return board;
  }

  private fillCard(board: StoredBoard, card: Card, spec: FakeCardInit): void {
    if (spec.description !== undefined) card.description = validateDescription(spec.description);
    if (spec.priority !== undefined) card.priority = spec.priority;
    if (spec.due !== undefined) card.due = validateDue(spec.due);
    card.labelIds = (spec.labels ?? [])
      .concat(board.labels.filter((l) => spec.labelIds?.includes(l.id)).map((l) => l.name))
      .map((name) => {
        const label = board.labels.find((l) => l.name === name);
        if (!label) throw new Error(`no label ${name} on board ${board.name}`);
        return label.id;
      })
      .sort((a, b) => a - b);
    card.skills = (spec.skills ?? [])
      .map((s) => ({ skill: s.skill, minLevel: validateLevel(s.minLevel) }))
      .sort((a, b) => byCodeUnits(a.skill, b.skill));
    for (const entry of spec.checklist ?? []) {
      const { text, done } = typeof entry === 'string' ? { text: entry, done: false } : entry;
      const item: ChecklistItem = { id: this.nextId.item++, cardId: card.id, text, done };
      this.items.set(item.id, item);
    }
    if (spec.blocked) {
      card.blocked =
        typeof spec.blocked === 'string' ? { reason: spec.blocked, since: this.now() } : { ...spec.blocked };
      this.record(card.id, 'blocked', { detail: card.blocked.reason });
    }
  }

  private insertCard(columnId: number, title: string, assigneeId: number | null): Card {
    const ids = this.order.get(columnId)!;
    const now = this.now();
    const card: Card = {
      id: this.nextId.card++,
      columnId,
      rank: rankAt(ids.length),
      title,
      description: '',
      assigneeId,
      estimate: null,
      priority: 'normal',
      due: null,
      blocked: null,
      pinnedTo: null,
      labelIds: [],
      skills: [],
      checklist: { done: 0, total: 0 },
      archivedAt: null,
      createdAt: now,
      updatedAt: now,
    };
    this.cards.set(card.id, card);
    ids.push(card.id);
    this.record(card.id, 'created', { toColumnId: columnId });
    if (assigneeId !== null) this.record(card.id, 'assigned', { memberId: assigneeId });
    return card;
  }

  private columnBoard(columnId: number): number {
    const board = this.boards.find((b) => b.columns.some((c) => c.id === columnId));
    if (!board) throw notFound('column', columnId);
    return board.id;
  }

  private findColumn(columnId: number): Column | undefined {
    return this.boards.flatMap((b) => b.columns).find((c) => c.id === columnId);
  }

  private column(columnId: number): Column {
    const column = this.findColumn(columnId);
    if (!column) throw notFound('column', columnId);
    return column;
  }

  /** Where a column placed after `afterId` (first when null) goes among `board`'s columns. */
  private indexAfter(board: StoredBoard, afterId: number | null): number {
    if (afterId === null) return 0;
    const afterBoard = this.columnBoard(afterId);
    if (afterBoard !== board.id) throw new BackendError('invalid_input', COLUMN_AFTER_OTHER_BOARD_MESSAGE);
    return board.columns.findIndex((c) => c.id === afterId) + 1;
  }

  private rerank(ids: number[]): void {
    ids.forEach((id, i) => {
      this.cards.get(id)!.rank = rankAt(i);
    });
  }

  private card(cardId: number): Card {
    const card = this.cards.get(cardId);
    if (!card) throw notFound('card', cardId);
    return card;
  }

  private label(labelId: number): { board: StoredBoard; label: Label } {
    for (const board of this.boards) {
      const label = board.labels.find((l) => l.id === labelId);
      if (label) return { board, label };
    }
    throw notFound('label', labelId);
  }

  private item(itemId: number): ChecklistItem {
    const item = this.items.get(itemId);
    if (!item) throw notFound('checklist item', itemId);
    return item;
  }

  /** Label names are unique per board, ignoring (ASCII) case, as the core's `lower(name)`. */
  private ensureLabelFree(board: StoredBoard, name: string, except: number | null): void {
    if (board.labels.some((l) => l.id !== except && nocase(l.name) === nocase(name))) {
      throw new BackendError('invalid_input', labelTakenMessage(name));
    }
  }
}

// The core's demo team and board (src-tauri/core/src/demo.rs), card for card.
function demoPeople(now: number): FakeMemberInit[] {
  return [
    { name: 'Ana Souza', role: 'Senior backend engineer', skills: skills(['Rust', 5], ['SQL', 4], ['Observability', 3]), weeklyCapacity: 8 },
    { name: 'Bea Lindqvist', role: 'Backend engineer', skills: skills(['Rust', 4], ['Kubernetes', 3], ['SQL', 2]), weeklyCapacity: 8 },
    { name: 'Chidi Okafor', role: 'Frontend engineer', skills: skills(['TypeScript', 5], ['Svelte', 4], ['Accessibility', 3]), weeklyCapacity: 10 },
    {
      name: 'Dana Kowalski',
      role: 'Site reliability engineer',
      skills: skills(['Kubernetes', 5], ['Observability', 4], ['Rust', 2]),
      weeklyCapacity: 8,
      timeOff: [{ start: dayFrom(now, 8), end: dayFrom(now, 9) }],
    },
    { name: 'Eitan Levi', role: 'Junior engineer', skills: skills(['TypeScript', 2], ['Rust', 1], ['SQL', 2]), weeklyCapacity: 5 },
    { name: 'Fatima Haddad', role: 'QA engineer', skills: skills(['Testing', 5], ['TypeScript', 3], ['Accessibility', 4]), weeklyCapacity: 8 },
  ];
}

function skills(...pairs: [string, number][]): Skill[] {
  return pairs.map(([name, level]) => ({ name, level }));
}

const [ANA, BEA, CHIDI, DANA, EITAN, FATIMA] = [1, 2, 3, 4, 5, 6];

const DEMO_COLUMNS = ['Backlog', 'To do', 'In progress', 'Review', 'Done'];
/** "In progress" starts over this limit (6 cards), so the flag shows from the start. */
export const DEMO_IN_PROGRESS_LIMIT = 5;
const DEMO_POINTS = [3, 1, 5, 2, 8, 3, 2, 5, 1, 3, 13];

/** (column index, title, assignee) */
const DEMO_CARDS: [number, string, number | null][] = [
  [0, 'Evaluate moving metrics storage to Parquet', null],
  [0, 'Spike: streaming import for large customer files', null],
  [0, 'Write runbook for database failover', DANA],
  [0, 'Dark mode for the settings pages', null],
  [0, 'Reduce flaky end-to-end tests below 1%', FATIMA],
  [0, 'Upgrade TLS library and rotate certificates', null],
  [0, 'Document the public API rate limits', null],
  [1, 'Add retry with backoff to the webhook sender', BEA],
  [1, 'Keyboard navigation for the data table', CHIDI],
  [1, 'Alert when the job queue is older than 10 minutes', DANA],
  [1, 'Migrate user preferences to the new schema', ANA],
  [1, 'Pair on first Rust ticket: CSV export endpoint', EITAN],
  [1, 'Test plan for the billing release', FATIMA],
  [2, 'Rate limiter for the search API', ANA],
  [2, 'Helm chart for the ingestion worker', DANA],
  [2, 'Empty states for the reports page', CHIDI],
  [2, 'Fix N+1 queries on the team dashboard', BEA],
  [2, 'Regression suite for invoice PDFs', FATIMA],
  [2, 'Form validation messages are read by screen readers', EITAN],
  [3, 'Structured logging for the auth service', ANA],
  [3, 'Pagination for the audit log', BEA],
  [3, 'Chart tooltips show units', CHIDI],
  [4, 'Upgrade the CI runners to the new image', DANA],
  [4, 'Cache warm-up after deploys', ANA],
  [4, 'Onboarding checklist for new joiners', FATIMA],
  [4, 'Sort order persists on the projects list', CHIDI],
  [4, 'Remove the legacy feature flags', BEA],
  [4, 'Timeouts on outbound HTTP calls', ANA],
  [4, 'Contrast fixes in the navigation bar', EITAN],
  [4, 'Nightly backup verification job', DANA],
];

const DEMO_LABELS: { name: string; color: LabelColor }[] = [
  { name: 'Bug', color: 'vermillion' },
  { name: 'Customer', color: 'orange' },
  { name: 'Feature', color: 'blue' },
  { name: 'Tech debt', color: 'grey' },
];

/** Details for some cards, by index into DEMO_CARDS: labels, priority, due in days from today, skills. */
const DEMO_DETAILS: [number, string[], Priority, number | null, [string, number][]][] = [
  [1, ['Customer', 'Feature'], 'high', 12, [['Rust', 3]]],
  [2, [], 'normal', null, [['Kubernetes', 3]]],
  [4, ['Tech debt'], 'high', null, [['Testing', 3]]],
  [5, ['Tech debt'], 'urgent', 3, [['Rust', 3]]],
  [7, ['Bug'], 'high', 5, [['Rust', 3]]],
  [8, ['Feature'], 'normal', null, [['TypeScript', 3], ['Accessibility', 2]]],
  [9, ['Customer'], 'urgent', -1, [['Observability', 3]]],
  [13, ['Customer'], 'high', 2, [['Rust', 4]]],
  [14, [], 'normal', 6, [['Kubernetes', 4]]],
  [16, ['Bug'], 'high', 1, [['SQL', 3]]],
  [17, ['Bug', 'Customer'], 'normal', 9, [['Testing', 4]]],
  [20, ['Tech debt'], 'low', null, [['Observability', 3]]],
  [22, ['Bug'], 'low', null, [['TypeScript', 2]]],
];

const DEMO_DESCRIPTIONS: [number, string][] = [
  [
    13,
    "Search is hammered by one customer's integration.\n\n" +
      '- token bucket per API key\n- `429` with `Retry-After`\n- metrics per key\n\n' +
      'See the **incident review** from last week.',
  ],
  [14, 'The worker runs from a hand-written manifest today. Package it like the other services.'],
  [9, 'Page the on-call when the oldest job is older than **10 minutes** for 5 minutes.'],
];

const DEMO_CHECKLISTS: [number, [string, boolean][]][] = [
  [
    13,
    [
      ['Design the limits', true],
      ['Implement the bucket', true],
      ['Load test', false],
      ['Document the headers', false],
    ],
  ],
  [
    25,
    [
      ['Accounts and laptop', true],
      ['First week plan', true],
      ['Buddy assigned', true],
    ],
  ],
];

const DEMO_BLOCKED: [number, string] = [14, 'Waiting for the cluster quota increase from the platform team'];

/** A day `days` after the UTC day of `now`, as the core's demo computes due dates. */
function dayFrom(now: number, days: number): string {
  const date = new Date(now);
  date.setUTCHours(0, 0, 0, 0);
  date.setUTCDate(date.getUTCDate() + days);
  return date.toISOString().slice(0, 10);
}

function demoBoard(now: number): FakeBoardInit {
  const cards: FakeCardInit[] = DEMO_CARDS.map(([, title, assigneeId], index) => {
    const card: FakeCardInit = {
      title,
      assigneeId,
      // Most cards estimated in story points; a few left open, as on a real board.
      estimate: index % 7 !== 3 ? DEMO_POINTS[index % DEMO_POINTS.length] : null,
    };
    const detail = DEMO_DETAILS.find(([i]) => i === index);
    if (detail) {
      const [, labels, priority, dueIn, needs] = detail;
      Object.assign(card, {
        labels,
        priority,
        due: dueIn === null ? null : dayFrom(now, dueIn),
        skills: needs.map(([skill, minLevel]) => ({ skill, minLevel })),
      });
    }
    const description = DEMO_DESCRIPTIONS.find(([i]) => i === index);
    if (description) card.description = description[1];
    const checklist = DEMO_CHECKLISTS.find(([i]) => i === index);
    if (checklist) card.checklist = checklist[1].map(([text, done]) => ({ text, done }));
    if (DEMO_BLOCKED[0] === index) card.blocked = DEMO_BLOCKED[1];
    return card;
  });
  return {
    name: 'Platform team',
    estimateUnit: 'points',
    labels: DEMO_LABELS,
    columns: DEMO_COLUMNS.map((name, column) => ({
      name,
      wipLimit: name === 'In progress' ? DEMO_IN_PROGRESS_LIMIT : null,
      cards: cards.filter((_, index) => DEMO_CARDS[index][0] === column),
    })),
  };
}

/** All a move changes, as the core returns it. */
function placeOf(card: Card): CardPlace {
  return {
    id: card.id,
    columnId: card.columnId,
    rank: card.rank,
    assigneeId: card.assigneeId,
    updatedAt: card.updatedAt,
  };
}

function periodKey(p: ReportPeriod): string {
  return `${p.boardId}:${p.from}:${p.to}`;
}
