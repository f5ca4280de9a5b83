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

/** The one-on-one journal's part of the Backend. Dates are "YYYY-MM-DD"; `today` comes from the page. */
export interface JournalBackend {
  /** Everything about one person: profile, schedule, goals, sessions (newest first), check-ins, feedback. */
  personJournal(memberId: number, today: string): Promise<PersonJournal>;
  updatePerson(req: UpdatePerson): Promise<Person>;
  /** Private notes about a person (autosaved): at most 8 MiB, kept byte for byte. */
  savePersonNotes(req: SavePersonNotes): Promise<NotesSaved>;
  setMemberSkill(req: SetMemberSkill): Promise<Person>;
  addGoal(req: AddGoal): Promise<Goal>;
  updateGoal(req: UpdateGoal): Promise<Goal>;
  deleteGoal(goalId: number): Promise<null>;
  /** A new one-on-one; its agenda comes pre-filled with carry-over. */
  createSession(req: CreateSession): Promise<Session>;
  loadSession(sessionId: number): Promise<Session>;
  deleteSession(sessionId: number): Promise<null>;
  /** The autosave: at most 8 MiB, not an undo step. */
  saveSessionNotes(req: SaveSessionNotes): Promise<NotesSaved>;
  setCheckIn(req: SetCheckIn): Promise<Session>;
  setShareable(req: SetShareable): Promise<null>;
  addAgendaItem(req: AddAgendaItem): Promise<AgendaItem>;
  editAgendaItem(req: EditAgendaItem): Promise<AgendaItem>;
  setAgendaStatus(req: SetAgendaStatus): Promise<AgendaItem>;
  deleteAgendaItem(itemId: number): Promise<null>;
  applyTemplate(req: ApplyTemplate): Promise<Session>;
  addActionItem(req: AddActionItem): Promise<ActionItem>;
  updateActionItem(req: UpdateActionItem): Promise<ActionItem>;
  setActionItemDone(req: SetActionItemDone): Promise<ActionItem>;
  deleteActionItem(itemId: number): Promise<null>;
  /** A card at the end of the column, assigned to the person; the item then reads done with the card. */
  actionItemToCard(req: ActionItemToCard): Promise<ActionItemCard>;
  addFeedback(req: AddFeedback): Promise<Feedback>;
  updateFeedback(req: UpdateFeedback): Promise<Feedback>;
  deleteFeedback(feedbackId: number): Promise<null>;
  listTemplates(): Promise<Template[]>;
  createTemplate(req: CreateTemplate): Promise<Template>;
  updateTemplate(req: UpdateTemplate): Promise<Template>;
  deleteTemplate(templateId: number): Promise<null>;
  /** Everyone's last and next one-on-one. */
  journalSchedules(today: string): Promise<PersonSchedule[]>;
  /** The people due by the end of this week, late ones included, soonest first. */
  dueThisWeek(today: string): Promise<PersonSchedule[]>;
  searchJournal(req: SearchJournal): Promise<SearchHit[]>;
  /** Everything about one person, private notes included (their right of access). */
  exportPerson(memberId: number): Promise<PersonExport>;
  /** Saves that export as Markdown and JSON files in the export folder, never over a file; their paths. */
  savePersonExport(memberId: number): Promise<string[]>;
  /** Removes a person and all their journal data for good. */
  erasePerson(memberId: number): Promise<null>;
}
