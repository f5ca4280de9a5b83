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
import type { AddColumn } from '../bindings/AddColumn';
import type { AppInfo } from '../bindings/AppInfo';
import type { AssignCard } from '../bindings/AssignCard';
import type { Board } from '../bindings/Board';
import type { Card } from '../bindings/Card';
import type { CardPlace } from '../bindings/CardPlace';
import type { Column } from '../bindings/Column';
import type { CreateCard } from '../bindings/CreateCard';
import type { DeleteColumn } from '../bindings/DeleteColumn';
import type { ErrorCode } from '../bindings/ErrorCode';
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
import type { BackupBackend } from './backup-backend';
import type { InterchangeBackend } from './interchange-backend';
import type { JournalBackend } from './journal-backend';
import type { ReportsBackend } from './reports-backend';

/** Everything the UI asks of the app core. */
export interface Backend extends JournalBackend, ReportsBackend, InterchangeBackend, BackupBackend {
  appInfo(): Promise<AppInfo>;
  workspace(): Promise<Workspace>;
  /** Only valid on an empty workspace. */
  seedDemo(): Promise<Workspace>;
  /** Only valid on an empty workspace: one board "My team" with To do / In progress / Review / Done. */
  startFresh(): Promise<Workspace>;
  loadBoard(boardId: number): Promise<Board>;
  /** Open work per person on a board, as `loadBoard` has it, without the cards. */
  boardLoads(boardId: number): Promise<Load[]>;
  listMembers(): Promise<Member[]>;
  /** Appends the card at the end of the column. */
  createCard(req: CreateCard): Promise<Card>;
  renameCard(req: RenameCard): Promise<Card>;
  /** A move changes only the card's place, which is what comes back. */
  moveCard(req: MoveCard): Promise<CardPlace>;
  /** Moves a card and gives it to `memberId` as one action, undone in one step. */
  placeCard(req: PlaceCard): Promise<CardPlace>;
  /** Gives the card to a team member, or to nobody with `memberId: null`. */
  assignCard(req: AssignCard): Promise<Card>;
  /** 1 to 999 cards; null clears. Going over a limit is flagged, never refused. */
  setWipLimit(req: SetWipLimit): Promise<Column>;
  /** In the board's unit, 0 to 10000, kept to two decimals; null clears. */
  setEstimate(req: SetEstimate): Promise<Card>;
  /** Takes a card off the board, keeping it and its history; `restoreCard` brings it back. */
  archiveCard(cardId: number): Promise<Card>;
  /** Puts an archived card back on the board, in the column and place it had. */
  restoreCard(cardId: number): Promise<Card>;
  /** Deletes a card and its history for good; `undo` still brings it back. */
  deleteCard(cardId: number): Promise<null>;
  /** The board's archived cards, the most recently archived first. */
  archivedCards(boardId: number): Promise<Card[]>;
  /** A column right after `afterId` (first when null); its stage is guessed from its name. */
  addColumn(req: AddColumn): Promise<Column>;
  renameColumn(req: RenameColumn): Promise<Column>;
  /** Places a column right after `afterId`, first when null. */
  moveColumn(req: MoveColumn): Promise<Column>;
  /**
   * Deletes a column; its cards (archived ones too) go to the end of `cardsTo`, required when
   * it has any. A board keeps at least one column.
   */
  deleteColumn(req: DeleteColumn): Promise<null>;
  /** A new board with the columns To do, In progress, Review and Done. */
  addBoard(name: string): Promise<Board>;
  renameBoard(req: RenameBoard): Promise<null>;
  /** A card with its checklist, its history (oldest first) and the flow dates read from it. */
  cardDetail(cardId: number): Promise<CardDetail>;
  /** Markdown, at most 20,000 characters; empty clears. */
  setDescription(req: SetDescription): Promise<Card>;
  setPriority(req: SetPriority): Promise<Card>;
  /** YYYY-MM-DD; null clears. */
  setDue(req: SetDue): Promise<Card>;
  /** Marks a card blocked, saying why; an already blocked card keeps its blocked-since time. */
  blockCard(req: BlockCard): Promise<Card>;
  unblockCard(cardId: number): Promise<Card>;
  /** A new label of a board; names are unique per board, ignoring case. */
  createLabel(req: CreateLabel): Promise<Label>;
  /** Renames and recolours a label. */
  updateLabel(req: UpdateLabel): Promise<Label>;
  /** Deletes a label and takes it off every card; `undo` brings both back. */
  deleteLabel(labelId: number): Promise<null>;
  /** Puts a label of the card's board on the card (`on`) or takes it off. */
  setCardLabel(req: SetCardLabel): Promise<Card>;
  /** Requires a skill at `minLevel` (1 to 5), or no longer (null). */
  setCardSkill(req: SetCardSkill): Promise<Card>;
  /** Every skill the team has or a card asks for, by name. */
  skillNames(): Promise<string[]>;
  /** Adds a line at the end of a card's checklist. */
  addChecklistItem(req: AddChecklistItem): Promise<ChecklistItem>;
  renameChecklistItem(req: RenameChecklistItem): Promise<ChecklistItem>;
  checkChecklistItem(req: CheckChecklistItem): Promise<ChecklistItem>;
  deleteChecklistItem(itemId: number): Promise<null>;
  /** Takes a column and its cards off the board; a board keeps at least one column on it. */
  archiveColumn(columnId: number): Promise<Column>;
  /** Puts an archived column back where it was, with its cards. */
  restoreColumn(columnId: number): Promise<Column>;
  /** A board's archived columns with how many cards each holds, the most recently archived first. */
  archivedColumns(boardId: number): Promise<ArchivedColumn[]>;
  /** Each person's open work on a board against their capacity in a horizon, and skill coverage. */
  workload(req: WorkloadQuery): Promise<Workload>;
  /**
   * Who should take which open card: for every unassigned card (`cardIds` null) or for some,
   * with moves when rebalancing; each with a reason. Nothing is written.
   */
  suggestPlan(req: SuggestPlan): Promise<Plan>;
  /** Gives each card to its person as one action, undone in one step; refused whole when any is stale. */
  applyPlan(req: ApplyPlan): Promise<null>;
  /** Units a week, 0 to 10000, kept to two decimals; null clears. */
  setCapacity(req: SetCapacity): Promise<null>;
  /** YYYY-MM-DD, both included, at most 366 days. */
  addTimeOff(req: AddTimeOff): Promise<TimeOff>;
  removeTimeOff(timeOffId: number): Promise<null>;
  /** Pins a card to its assignee (it needs one), or unpins it. */
  pinCard(req: PinCard): Promise<Card>;
  /** Reverts the newest board action; `label` is null when there was nothing to undo. */
  undo(): Promise<UndoStep>;
  /** Does the newest undone action again; `label` is null when there was nothing to redo. */
  redo(): Promise<UndoStep>;
}

export class BackendError extends Error {
  constructor(
    public code: ErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'BackendError';
  }
}

const ERROR_CODES: readonly ErrorCode[] = [
  'not_found',
  'invalid_input',
  'incompatible_database',
  'storage',
  'internal',
];

/** Turns anything thrown or rejected into a BackendError with a message fit to show. */
export function toBackendError(error: unknown): BackendError {
  if (error instanceof BackendError) return error;
  if (typeof error === 'object' && error !== null) {
    const { code, message } = error as { code?: unknown; message?: unknown };
    if (typeof message === 'string' && message.trim() !== '') {
      const known = typeof code === 'string' && (ERROR_CODES as readonly string[]).includes(code);
      return new BackendError(known ? (code as ErrorCode) : 'internal', message);
    }
  }
  if (typeof error === 'string' && error.trim() !== '') {
    return new BackendError('internal', error);
  }
  return new BackendError('internal', 'Something went wrong in Teamlead. Please try again.');
}
