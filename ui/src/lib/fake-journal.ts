import type { ActionItem } from '../bindings/ActionItem';
import type { ActionItemCard } from '../bindings/ActionItemCard';
import type { ActionItemToCard } from '../bindings/ActionItemToCard';
import type { AddActionItem } from '../bindings/AddActionItem';
import type { AddAgendaItem } from '../bindings/AddAgendaItem';
import type { AddFeedback } from '../bindings/AddFeedback';
import type { AddGoal } from '../bindings/AddGoal';
import type { AgendaItem } from '../bindings/AgendaItem';
import type { ApplyTemplate } from '../bindings/ApplyTemplate';
import type { Cadence } from '../bindings/Cadence';
import type { Card } from '../bindings/Card';
import type { CreateSession } from '../bindings/CreateSession';
import type { CreateTemplate } from '../bindings/CreateTemplate';
import type { EditAgendaItem } from '../bindings/EditAgendaItem';
import type { Feedback } from '../bindings/Feedback';
import type { Goal } from '../bindings/Goal';
import type { HitKind } from '../bindings/HitKind';
import type { Member } from '../bindings/Member';
import type { NotesSaved } from '../bindings/NotesSaved';
import type { Person } from '../bindings/Person';
import type { PersonExport } from '../bindings/PersonExport';
import type { PersonJournal } from '../bindings/PersonJournal';
import type { PersonSchedule } from '../bindings/PersonSchedule';
import type { SavePersonNotes } from '../bindings/SavePersonNotes';
import type { SaveSessionNotes } from '../bindings/SaveSessionNotes';
import type { Schedule } from '../bindings/Schedule';
import type { SearchHit } from '../bindings/SearchHit';
import type { SearchJournal } from '../bindings/SearchJournal';
import type { Session } from '../bindings/Session';
import type { SetActionItemDone } from '../bindings/SetActionItemDone';
import type { SetAgendaStatus } from '../bindings/SetAgendaStatus';
import type { SetCheckIn } from '../bindings/SetCheckIn';
import type { SetMemberSkill } from '../bindings/SetMemberSkill';
import type { SetShareable } from '../bindings/SetShareable';
import type { SnippetPart } from '../bindings/SnippetPart';
import type { Template } from '../bindings/Template';
import type { UpdateActionItem } from '../bindings/UpdateActionItem';
import type { UpdateFeedback } from '../bindings/UpdateFeedback';
import type { UpdateGoal } from '../bindings/UpdateGoal';
import type { UpdatePerson } from '../bindings/UpdatePerson';
import type { UpdateTemplate } from '../bindings/UpdateTemplate';
import { BackendError } from './backend';
import type { JournalBackend } from './journal-backend';
import { DATE_RANGE_MESSAGE, dueMessage } from './rules';

/** What the journal needs from the rest of the fake: the team and the board. */
export interface JournalHost {
  now(): number;
  /** The live team list. */
  members(): Member[];
  /** Open cards (not archived, not in a done column) assigned to `memberId`. */
  openCardsOf(memberId: number): { id: number; title: string; blocked: string | null; inProgress: boolean; startedAt: number | null }[];
  /** Whether the card is in a done column; undefined for a card that is gone. */
  cardDone(cardId: number): boolean | undefined;
  /** A card at the end of the column, assigned to the person, as one undoable action. */
  createCard(columnId: number, title: string, memberId: number): Card;
  /** Removes the person from the team; their cards stay, unassigned. */
  removeMember(memberId: number): void;
  /** Changes the team's view of a person. */
  updateMember(memberId: number, name: string, role: string): void;
  setSkill(memberId: number, skill: string, level: number | null): void;
}

export const MAX_NOTES_BYTES = 8 * 1024 * 1024;
export const MAX_FEEDBACK_CHARS = 5000;
export const DEFAULT_AGING_DAYS = 5;
const DAY_MS = 86_400_000;
const CONTROL = /[\u0000-\u0008\u000a-\u001f\u007f-\u009f]/;
const NOTES_CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]/;

/** The core's message for notes over 8 MiB. */
export function notesTooLargeMessage(bytes: number): string {
  return (
    `Notes can be at most 8 MiB (${MAX_NOTES_BYTES} bytes); these are ${(bytes / (1024 * 1024)).toFixed(1)} MiB. ` +
    'They were not saved: move part of them elsewhere and try again.'
  );
}

function utf8Length(text: string): number {
  // Each UTF-16 unit is 1 to 3 bytes; only count exactly when the text is near the limit.
  if (text.length * 3 <= MAX_NOTES_BYTES) return text.length;
  return new TextEncoder().encode(text).length;
}

/** As the core's `validate::notes`. */
export function validateNotes(notes: string): void {
  const bytes = utf8Length(notes);
  if (bytes > MAX_NOTES_BYTES) throw new BackendError('invalid_input', notesTooLargeMessage(bytes));
  if (NOTES_CONTROL.test(notes)) {
    throw new BackendError(
      'invalid_input',
      'Notes cannot contain control characters other than line breaks and tabs; they were not saved.',
    );
  }
}

function text(value: string, label: string, max: number): string {
  const trimmed = value.trim();
  if (trimmed === '') throw new BackendError('invalid_input', `The ${label} cannot be empty.`);
  if ([...trimmed].length > max) throw new BackendError('invalid_input', `The ${label} can be at most ${max} characters long.`);
  if (CONTROL.test(trimmed)) throw new BackendError('invalid_input', `The ${label} cannot contain line breaks or control characters.`);
  return trimmed;
}

function paragraph(value: string, label: string): string {
  const trimmed = value.trim();
  if (trimmed === '') throw new BackendError('invalid_input', `The ${label} cannot be empty.`);
  if ([...trimmed].length > MAX_FEEDBACK_CHARS) {
    throw new BackendError('invalid_input', `The ${label} can be at most ${MAX_FEEDBACK_CHARS} characters long.`);
  }
  if (NOTES_CONTROL.test(trimmed)) throw new BackendError('invalid_input', `The ${label} cannot contain control characters.`);
  return trimmed.replaceAll('\r\n', '\n');
}

function score(value: number | null, label: string): number | null {
  if (value !== null && (!Number.isInteger(value) || value < 1 || value > 5)) {
    throw new BackendError('invalid_input', `${label} goes from 1 to 5.`);
  }
  return value;
}

/** As the app's `parse_date`, then the core's year range. */
export function checkDate(value: string | null): string | null {
  if (value === null) return null;
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value.trim());
  const date = m ? new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]))) : null;
  if (!m || !date || date.getUTCDate() !== Number(m[3]) || date.getUTCMonth() !== Number(m[2]) - 1) {
    throw new BackendError('invalid_input', dueMessage(value));
  }
  const year = Number(m[1]);
  if (year < 1900 || year > 2999) throw new BackendError('invalid_input', DATE_RANGE_MESSAGE);
  return m[0];
}

// ---- Dates and cadence, as the core's `journal::cadence` ----

function parts(day: string): [number, number, number] {
  const [y, m, d] = day.split('-').map(Number);
  return [y, m, d];
}

function format(date: Date): string {
  return date.toISOString().slice(0, 10);
}

export function addDays(day: string, days: number): string {
  const [y, m, d] = parts(day);
  return format(new Date(Date.UTC(y, m - 1, d + days)));
}

/** A month later; after the 31st comes the month's last day. */
export function addMonth(day: string): string {
  const [y, m, d] = parts(day);
  const last = new Date(Date.UTC(y, m + 1, 0)).getUTCDate();
  return format(new Date(Date.UTC(y, m, Math.min(d, last))));
}

export function after(cadence: Cadence, day: string): string {
  return cadence === 'weekly' ? addDays(day, 7) : cadence === 'every_two_weeks' ? addDays(day, 14) : addMonth(day);
}

export function schedule(cadence: Cadence, sessions: string[], start: string | null, today: string): Schedule {
  const past = sessions.filter((d) => d <= today).sort();
  const future = sessions.filter((d) => d > today).sort();
  const last = past.at(-1) ?? null;
  const planned = future[0] ?? null;
  const next = planned ?? (last !== null ? after(cadence, last) : start !== null && start > today ? start : today);
  return { last, next, planned: planned !== null, overdue: next < today };
}

export function endOfWeek(today: string): string {
  const [y, m, d] = parts(today);
  const weekday = (new Date(Date.UTC(y, m - 1, d)).getUTCDay() + 6) % 7; // Monday is 0
  return addDays(today, 6 - weekday);
}

/** Lowercase without accents: what the core's FTS tokenizer compares. */
export function fold(value: string): string {
  return value.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();
}

interface StoredPerson {
  startDate: string | null;
  cadence: Cadence;
  privateNotes: string;
}

interface StoredSession {
  id: number;
  memberId: number;
  date: string;
  notes: string;
  notesShareable: boolean;
  notesSavedAt: number | null;
}

type StoredAction = Omit<ActionItem, 'done' | 'cardDone'> & { checked: boolean };

/** Everything the fake journal holds, copied: what a fake backup keeps of it. */
export interface JournalState {
  people: [number, StoredPerson][];
  goals: Goal[];
  sessions: [number, StoredSession][];
  agenda: AgendaItem[];
  actions: StoredAction[];
  feedbackList: Omit<Feedback, 'date'>[];
  templates: Template[];
  checkIns: [number, { mood: number | null; workload: number | null }][];
  nextId: number;
}

/** The journal's part of the FakeBackend, with the core's rules and messages (a subset). */
export class FakeJournal implements JournalBackend {
  private people = new Map<number, StoredPerson>();
  private goals: Goal[] = [];
  private sessions = new Map<number, StoredSession>();
  private agenda: AgendaItem[] = [];
  private actions: StoredAction[] = [];
  private feedbackList: Omit<Feedback, 'date'>[] = [];
  private templates: Template[] = [];
  private nextId = 1;
  /** Save calls, for tests: the text of each saved version of a session's notes. */
  readonly notesSaves: { sessionId: number; notes: string }[] = [];

  constructor(private readonly host: JournalHost) {}

  /** A copy of everything held, for a backup. */
  saveState(): JournalState {
    return structuredClone({
      people: [...this.people.entries()],
      goals: this.goals,
      sessions: [...this.sessions.entries()],
      agenda: this.agenda,
      actions: this.actions,
      feedbackList: this.feedbackList,
      templates: this.templates,
      checkIns: [...this.checkIns.entries()],
      nextId: this.nextId,
    });
  }

  /** Replaces everything held with a copy of `state`, as a restore does. */
  loadState(state: JournalState): void {
    const copy = structuredClone(state);
    this.people = new Map(copy.people);
    this.goals = copy.goals;
    this.sessions = new Map(copy.sessions);
    this.agenda = copy.agenda;
    this.actions = copy.actions;
    this.feedbackList = copy.feedbackList;
    this.templates = copy.templates;
    this.checkIns = new Map(copy.checkIns);
    this.nextId = copy.nextId;
  }

  private id(): number {
    return this.nextId++;
  }

  private member(memberId: number): Member {
    const member = this.host.members().find((m) => m.id === memberId);
    if (!member) throw notFound('team member', memberId);
    return member;
  }

  private person(memberId: number): Person {
    const member = this.member(memberId);
    const stored = this.stored(memberId);
    return {
      id: member.id,
      name: member.name,
      role: member.role,
      startDate: stored.startDate,
      cadence: stored.cadence,
      privateNotes: stored.privateNotes,
      skills: structuredClone(member.skills),
    };
  }

  private stored(memberId: number): StoredPerson {
    let stored = this.people.get(memberId);
    if (!stored) {
      stored = { startDate: null, cadence: 'every_two_weeks', privateNotes: '' };
      this.people.set(memberId, stored);
    }
    return stored;
  }

  private session(sessionId: number): StoredSession {
    const session = this.sessions.get(sessionId);
    if (!session) throw notFound('one-on-one', sessionId);
    return session;
  }

  private action(itemId: number): StoredAction {
    const item = this.actions.find((a) => a.id === itemId);
    if (!item) throw notFound('action item', itemId);
    return item;
  }

  private actionOut(item: StoredAction): ActionItem {
    const cardDone = item.cardId !== null && this.host.cardDone(item.cardId) === true;
    const { checked, ...rest } = item;
    return { ...rest, done: checked || cardDone, cardDone };
  }

  private feedbackOut(f: Omit<Feedback, 'date'>): Feedback {
    return { ...f, date: this.session(f.sessionId).date };
  }

  private sessionOut(session: StoredSession): Session {
    const s = this.checkIns.get(session.id) ?? { mood: null, workload: null };
    return {
      id: session.id,
      memberId: session.memberId,
      date: session.date,
      notes: session.notes,
      notesShareable: session.notesShareable,
      notesSavedAt: session.notesSavedAt,
      mood: s.mood,
      workload: s.workload,
      agenda: this.agenda
        .filter((a) => a.sessionId === session.id)
        .sort((a, b) => (a.rank < b.rank ? -1 : 1))
        .map((a) => ({ ...a })),
      actionItems: this.actions.filter((a) => a.sessionId === session.id).map((a) => this.actionOut(a)),
      feedback: this.feedbackList.filter((f) => f.sessionId === session.id).map((f) => this.feedbackOut(f)),
    };
  }

  private checkIns = new Map<number, { mood: number | null; workload: number | null }>();

  private sessionsOf(memberId: number): StoredSession[] {
    return [...this.sessions.values()].filter((s) => s.memberId === memberId);
  }

  private nextRank(sessionId: number): string {
    const count = this.agenda.filter((a) => a.sessionId === sessionId).length;
    return (count + 1).toString(36).padStart(6, '0');
  }

  private addPoint(sessionId: number, point: Partial<AgendaItem> & { text: string }): AgendaItem {
    const item: AgendaItem = {
      id: this.id(),
      sessionId,
      rank: this.nextRank(sessionId),
      status: 'open',
      carriedFrom: null,
      actionItemId: null,
      cardId: null,
      ...point,
    };
    this.agenda.push(item);
    return { ...item };
  }

  // ---- JournalBackend ----

  async personJournal(memberId: number, today: string): Promise<PersonJournal> {
    checkDate(today);
    const person = this.person(memberId);
    const sessions = this.sessionsOf(memberId).sort((a, b) => (a.date === b.date ? b.id - a.id : a.date < b.date ? 1 : -1));
    const summaries = sessions.map((s) => {
      const c = this.checkIns.get(s.id) ?? { mood: null, workload: null };
      return {
        id: s.id,
        date: s.date,
        mood: c.mood,
        workload: c.workload,
        agendaItems: this.agenda.filter((a) => a.sessionId === s.id).length,
        actionItems: this.actions.filter((a) => a.sessionId === s.id).length,
        feedback: this.feedbackList.filter((f) => f.sessionId === s.id).length,
      };
    });
    const ids = new Set(sessions.map((s) => s.id));
    const actionItems = this.actions
      .filter((a) => ids.has(a.sessionId))
      .map((a) => this.actionOut(a))
      .sort((a, b) => Number(a.done) - Number(b.done) || (a.due ?? '~').localeCompare(b.due ?? '~') || a.id - b.id);
    return {
      person,
      schedule: schedule(person.cadence, sessions.map((s) => s.date), person.startDate, today),
      goals: this.goals.filter((g) => g.memberId === memberId).map((g) => ({ ...g, skills: [...g.skills] })),
      sessions: summaries,
      checkIns: [...summaries]
        .reverse()
        .filter((s) => s.mood !== null || s.workload !== null)
        .map((s) => ({ sessionId: s.id, date: s.date, mood: s.mood, workload: s.workload })),
      feedback: this.feedbackList
        .filter((f) => ids.has(f.sessionId))
        .map((f) => this.feedbackOut(f))
        .sort((a, b) => (a.date === b.date ? b.id - a.id : a.date < b.date ? 1 : -1)),
      actionItems,
    };
  }

  async updatePerson(req: UpdatePerson): Promise<Person> {
    const name = text(req.name, 'name', 120);
    // A role may be left empty; otherwise it follows the rules of a name.
    const role = req.role.trim() === '' ? '' : text(req.role, 'role', 120);
    const start = checkDate(req.startDate);
    this.member(req.memberId);
    this.host.updateMember(req.memberId, name, role);
    const stored = this.stored(req.memberId);
    stored.startDate = start;
    stored.cadence = req.cadence;
    return this.person(req.memberId);
  }

  async savePersonNotes(req: SavePersonNotes): Promise<NotesSaved> {
    validateNotes(req.notes);
    this.member(req.memberId);
    this.stored(req.memberId).privateNotes = req.notes;
    return { savedAt: this.host.now() };
  }

  async setMemberSkill(req: SetMemberSkill): Promise<Person> {
    const skill = text(req.skill, 'skill name', 60);
    if (req.level !== null && (!Number.isInteger(req.level) || req.level < 1 || req.level > 5)) {
      throw new BackendError('invalid_input', 'A skill level goes from 1 (learning) to 5 (expert).');
    }
    this.member(req.memberId);
    this.host.setSkill(req.memberId, skill, req.level);
    return this.person(req.memberId);
  }

  private checkedGoal(title: string, progress: number): string {
    const checked = text(title, 'goal', 500);
    if (!Number.isInteger(progress) || progress < 0 || progress > 100) {
      throw new BackendError('invalid_input', 'Progress goes from 0 to 100 percent.');
    }
    return checked;
  }

  async addGoal(req: AddGoal): Promise<Goal> {
    const title = this.checkedGoal(req.title, req.progress);
    this.member(req.memberId);
    const goal: Goal = { id: this.id(), memberId: req.memberId, title, skills: goalSkills(req.skills), progress: req.progress, createdAt: this.host.now() };
    this.goals.push(goal);
    return { ...goal };
  }

  async updateGoal(req: UpdateGoal): Promise<Goal> {
    const title = this.checkedGoal(req.title, req.progress);
    const goal = this.goals.find((g) => g.id === req.goalId);
    if (!goal) throw notFound('goal', req.goalId);
    Object.assign(goal, { title, skills: goalSkills(req.skills), progress: req.progress });
    return { ...goal };
  }

  async deleteGoal(goalId: number): Promise<null> {
    const index = this.goals.findIndex((g) => g.id === goalId);
    if (index < 0) throw notFound('goal', goalId);
    this.goals.splice(index, 1);
    return null;
  }

  async createSession(req: CreateSession): Promise<Session> {
    const date = checkDate(req.date)!;
    const aging = req.agingDays ?? DEFAULT_AGING_DAYS;
    if (aging < 1 || aging > 365) throw new BackendError('invalid_input', 'A card counts as aging after 1 to 365 days in progress.');
    this.member(req.memberId);
    const template = req.templateId === null ? null : this.template(req.templateId);
    const session: StoredSession = { id: this.id(), memberId: req.memberId, date, notes: '', notesShareable: false, notesSavedAt: null };
    const earlier = this.sessionsOf(req.memberId).filter((s) => s.date <= date).sort((a, b) => (a.date === b.date ? a.id - b.id : a.date < b.date ? -1 : 1));
    this.sessions.set(session.id, session);
    for (const item of template?.items ?? []) this.addPoint(session.id, { text: item });
    // Talking points not discussed yet come along, once; every open point there is marked carried.
    for (const s of earlier) {
      const points = this.agenda.filter((a) => a.sessionId === s.id).sort((a, b) => (a.rank < b.rank ? -1 : 1));
      for (const point of points) {
        const plain = point.actionItemId === null && point.cardId === null;
        const carried = this.agenda.some((a) => a.carriedFrom === point.id);
        if (plain && point.status !== 'discussed' && !carried) {
          this.addPoint(session.id, { text: point.text, carriedFrom: point.id });
        }
        if (point.status === 'open') point.status = 'carried';
      }
    }
    const ids = new Set(this.sessionsOf(req.memberId).map((s) => s.id));
    const open = this.actions
      .filter((a) => ids.has(a.sessionId))
      .map((a) => this.actionOut(a))
      .filter((a) => !a.done)
      .sort((a, b) => (a.due ?? '~').localeCompare(b.due ?? '~') || a.id - b.id);
    for (const item of open) {
      const due = item.due ? ` (due ${item.due})` : '';
      this.addPoint(session.id, { text: `Action item: ${item.text}${due}`, actionItemId: item.id });
    }
    const now = this.host.now();
    for (const card of this.host.openCardsOf(req.memberId)) {
      if (card.blocked !== null) {
        this.addPoint(session.id, { text: `Blocked: ${card.title} (${card.blocked})`, cardId: card.id });
      } else if (card.inProgress) {
        const started = card.startedAt ?? now;
        if (now - started <= aging * DAY_MS) continue;
        this.addPoint(session.id, { text: `In progress for ${Math.floor((now - started) / DAY_MS)} days: ${card.title}`, cardId: card.id });
      }
    }
    return this.sessionOut(session);
  }

  async loadSession(sessionId: number): Promise<Session> {
    return this.sessionOut(this.session(sessionId));
  }

  async deleteSession(sessionId: number): Promise<null> {
    this.session(sessionId);
    this.sessions.delete(sessionId);
    this.agenda = this.agenda.filter((a) => a.sessionId !== sessionId);
    this.actions = this.actions.filter((a) => a.sessionId !== sessionId);
    this.feedbackList = this.feedbackList.filter((f) => f.sessionId !== sessionId);
    return null;
  }

  async saveSessionNotes(req: SaveSessionNotes): Promise<NotesSaved> {
    validateNotes(req.notes);
    const session = this.session(req.sessionId);
    const now = this.host.now();
    if (session.notes !== req.notes) {
      session.notes = req.notes;
      session.notesSavedAt = now;
      this.notesSaves.push({ sessionId: session.id, notes: req.notes });
    }
    return { savedAt: now };
  }

  async setCheckIn(req: SetCheckIn): Promise<Session> {
    const mood = score(req.mood, 'Mood');
    const workload = score(req.workload, 'Workload');
    const session = this.session(req.sessionId);
    this.checkIns.set(session.id, { mood, workload });
    return this.sessionOut(session);
  }

  async setShareable(req: SetShareable): Promise<null> {
    if (req.kind === 'notes') this.session(req.id).notesShareable = req.shareable;
    else if (req.kind === 'action_item') this.action(req.id).shareable = req.shareable;
    else {
      const f = this.feedbackList.find((x) => x.id === req.id);
      if (!f) throw notFound('feedback entry', req.id);
      f.shareable = req.shareable;
    }
    return null;
  }

  private point(itemId: number): AgendaItem {
    const item = this.agenda.find((a) => a.id === itemId);
    if (!item) throw notFound('talking point', itemId);
    return item;
  }

  async addAgendaItem(req: AddAgendaItem): Promise<AgendaItem> {
    const value = text(req.text, 'talking point', 500);
    this.session(req.sessionId);
    return this.addPoint(req.sessionId, { text: value });
  }

  async editAgendaItem(req: EditAgendaItem): Promise<AgendaItem> {
    const value = text(req.text, 'talking point', 500);
    const item = this.point(req.itemId);
    item.text = value;
    return { ...item };
  }

  async setAgendaStatus(req: SetAgendaStatus): Promise<AgendaItem> {
    const item = this.point(req.itemId);
    item.status = req.status;
    return { ...item };
  }

  async deleteAgendaItem(itemId: number): Promise<null> {
    this.point(itemId);
    this.agenda = this.agenda.filter((a) => a.id !== itemId);
    return null;
  }

  async applyTemplate(req: ApplyTemplate): Promise<Session> {
    const session = this.session(req.sessionId);
    const template = this.template(req.templateId);
    const present = new Set(this.agenda.filter((a) => a.sessionId === session.id).map((a) => a.text));
    for (const item of template.items) if (!present.has(item)) this.addPoint(session.id, { text: item });
    return this.sessionOut(session);
  }

  private checkedAction(req: AddActionItem | UpdateActionItem) {
    return { text: text(req.text, 'action item', 500), owner: req.owner, due: checkDate(req.due), shareable: req.shareable };
  }

  async addActionItem(req: AddActionItem): Promise<ActionItem> {
    const checked = this.checkedAction(req);
    const session = this.session(req.sessionId);
    const item: StoredAction = {
      id: this.id(),
      sessionId: session.id,
      memberId: session.memberId,
      ...checked,
      checked: false,
      cardId: null,
      createdAt: this.host.now(),
    };
    this.actions.push(item);
    return this.actionOut(item);
  }

  async updateActionItem(req: UpdateActionItem): Promise<ActionItem> {
    const checked = this.checkedAction(req);
    const item = this.action(req.itemId);
    Object.assign(item, checked);
    return this.actionOut(item);
  }

  async setActionItemDone(req: SetActionItemDone): Promise<ActionItem> {
    const item = this.action(req.itemId);
    item.checked = req.done;
    return this.actionOut(item);
  }

  async deleteActionItem(itemId: number): Promise<null> {
    this.action(itemId);
    this.actions = this.actions.filter((a) => a.id !== itemId);
    return null;
  }

  async actionItemToCard(req: ActionItemToCard): Promise<ActionItemCard> {
    const item = this.action(req.itemId);
    if (item.cardId !== null && this.host.cardDone(item.cardId) !== undefined) {
      throw new BackendError('invalid_input', 'This action item already has a card on the board.');
    }
    const card = this.host.createCard(req.columnId, item.text, item.memberId);
    item.cardId = card.id;
    return { actionItem: this.actionOut(item), card };
  }

  private checkedFeedback(req: AddFeedback | UpdateFeedback) {
    return {
      kind: req.kind,
      situation: paragraph(req.situation, 'situation'),
      behaviour: paragraph(req.behaviour, 'behaviour'),
      impact: paragraph(req.impact, 'impact'),
      shareable: req.shareable,
    };
  }

  async addFeedback(req: AddFeedback): Promise<Feedback> {
    const checked = this.checkedFeedback(req);
    const session = this.session(req.sessionId);
    const entry = { id: this.id(), sessionId: session.id, memberId: session.memberId, ...checked, createdAt: this.host.now() };
    this.feedbackList.push(entry);
    return this.feedbackOut(entry);
  }

  async updateFeedback(req: UpdateFeedback): Promise<Feedback> {
    const checked = this.checkedFeedback(req);
    const entry = this.feedbackList.find((f) => f.id === req.feedbackId);
    if (!entry) throw notFound('feedback entry', req.feedbackId);
    Object.assign(entry, checked);
    return this.feedbackOut(entry);
  }

  async deleteFeedback(feedbackId: number): Promise<null> {
    if (!this.feedbackList.some((f) => f.id === feedbackId)) throw notFound('feedback entry', feedbackId);
    this.feedbackList = this.feedbackList.filter((f) => f.id !== feedbackId);
    return null;
  }

  private template(templateId: number): Template {
    const template = this.templates.find((t) => t.id === templateId);
    if (!template) throw notFound('template', templateId);
    return template;
  }

  private checkedTemplate(name: string, items: string[], except: number | null): Template {
    const checkedName = text(name, 'template name', 120);
    const points = items.filter((i) => i.trim() !== '').map((i) => text(i, 'talking point', 500));
    if (points.length === 0) throw new BackendError('invalid_input', 'A template needs at least one talking point.');
    if (points.length > 50) throw new BackendError('invalid_input', 'A template can have at most 50 talking points.');
    if (this.templates.some((t) => t.name === checkedName && t.id !== except)) {
      throw new BackendError('invalid_input', `There is already a template called \u201c${checkedName}\u201d.`);
    }
    return { id: except ?? 0, name: checkedName, items: points };
  }

  async listTemplates(): Promise<Template[]> {
    return structuredClone([...this.templates].sort((a, b) => a.name.localeCompare(b.name)));
  }

  async createTemplate(req: CreateTemplate): Promise<Template> {
    const template = { ...this.checkedTemplate(req.name, req.items, null), id: this.id() };
    this.templates.push(template);
    return structuredClone(template);
  }

  async updateTemplate(req: UpdateTemplate): Promise<Template> {
    this.template(req.templateId);
    const checked = this.checkedTemplate(req.name, req.items, req.templateId);
    Object.assign(this.template(req.templateId), checked);
    return structuredClone(checked);
  }

  async deleteTemplate(templateId: number): Promise<null> {
    this.template(templateId);
    this.templates = this.templates.filter((t) => t.id !== templateId);
    return null;
  }

  async journalSchedules(today: string): Promise<PersonSchedule[]> {
    checkDate(today);
    return this.host
      .members()
      .map((m) => {
        const stored = this.stored(m.id);
        const dates = this.sessionsOf(m.id).map((s) => s.date);
        return { memberId: m.id, name: m.name, cadence: stored.cadence, schedule: schedule(stored.cadence, dates, stored.startDate, today) };
      })
      .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : a.memberId - b.memberId));
  }

  async dueThisWeek(today: string): Promise<PersonSchedule[]> {
    const end = endOfWeek(today);
    return (await this.journalSchedules(today))
      .filter((p) => p.schedule.next <= end)
      .sort((a, b) => (a.schedule.next < b.schedule.next ? -1 : a.schedule.next > b.schedule.next ? 1 : 0));
  }

  async searchJournal(req: SearchJournal): Promise<SearchHit[]> {
    const words = fold(req.query).split(/[^\p{L}\p{N}]+/u).filter(Boolean);
    if (words.length === 0) return [];
    if (req.query.length > 200) throw new BackendError('invalid_input', 'A search can be at most 200 characters long.');
    const docs: { kind: HitKind; id: number; sessionId: number; text: string }[] = [];
    for (const s of this.sessions.values()) docs.push({ kind: 'notes', id: s.id, sessionId: s.id, text: s.notes });
    for (const a of this.agenda) docs.push({ kind: 'agenda_item', id: a.id, sessionId: a.sessionId, text: a.text });
    for (const a of this.actions) docs.push({ kind: 'action_item', id: a.id, sessionId: a.sessionId, text: a.text });
    for (const f of this.feedbackList) {
      docs.push({ kind: 'feedback', id: f.id, sessionId: f.sessionId, text: `${f.situation} ${f.behaviour} ${f.impact}` });
    }
    const hits: SearchHit[] = [];
    for (const doc of docs) {
      const session = this.sessions.get(doc.sessionId);
      if (!session || (req.memberId !== null && session.memberId !== req.memberId)) continue;
      const snippet = snippetOf(doc.text, words);
      if (!snippet) continue;
      const member = this.host.members().find((m) => m.id === session.memberId);
      hits.push({
        kind: doc.kind,
        id: doc.id,
        sessionId: session.id,
        memberId: session.memberId,
        memberName: member?.name ?? '',
        date: session.date,
        snippet,
        score: snippet.filter((p) => p.hit).length,
      });
    }
    return hits.sort((a, b) => b.score - a.score).slice(0, Math.min(req.limit ?? 50, 200));
  }

  /** What `savePersonExport` wrote, by path: the fake's export folder. */
  readonly savedFiles = new Map<string, string>();

  async savePersonExport(memberId: number): Promise<string[]> {
    const { markdown, json } = await this.exportPerson(memberId);
    const stem = `/home/lead/Downloads/${this.person(memberId).name} - personal data`;
    let n = 1;
    const base = () => (n === 1 ? stem : `${stem} (${n})`);
    while (this.savedFiles.has(`${base()}.md`) || this.savedFiles.has(`${base()}.json`)) n += 1;
    this.savedFiles.set(`${base()}.md`, markdown);
    this.savedFiles.set(`${base()}.json`, json);
    return [`${base()}.md`, `${base()}.json`];
  }

  async exportPerson(memberId: number): Promise<PersonExport> {
    const person = this.person(memberId);
    const sessions = this.sessionsOf(memberId)
      .sort((a, b) => (a.date < b.date ? -1 : 1))
      .map((s) => this.sessionOut(s));
    const goals = this.goals.filter((g) => g.memberId === memberId);
    const lines = [`# ${person.name}`, ''];
    if (person.role) lines.push(`- Role: ${person.role}`);
    lines.push(`- One-on-one cadence: ${person.cadence.replaceAll('_', ' ')}`, '');
    if (person.privateNotes) lines.push('## Private notes', '', person.privateNotes.trimEnd(), '');
    for (const s of sessions) lines.push(`## One-on-one on ${s.date}`, '', s.notes.trimEnd(), '');
    const record = { person, goals, sessions, cards: [], exportedAt: this.host.now() };
    return { markdown: lines.join('\n'), json: JSON.stringify(record, null, 2) };
  }

  async erasePerson(memberId: number): Promise<null> {
    this.member(memberId);
    for (const s of this.sessionsOf(memberId)) await this.deleteSession(s.id);
    this.goals = this.goals.filter((g) => g.memberId !== memberId);
    this.people.delete(memberId);
    this.host.removeMember(memberId);
    return null;
  }
}

function notFound(entity: string, id: number): BackendError {
  return new BackendError('not_found', `That ${entity} (id ${id}) does not exist. It may have been deleted.`);
}

/** Up to ~12 words around the first match, with matching words as hits: text only. */
function snippetOf(source: string, words: string[]): SnippetPart[] | null {
  const tokens = source.split(/([^\p{L}\p{N}]+)/u);
  const isHit = (token: string) => {
    const folded = fold(token);
    return folded !== '' && words.some((w) => folded.startsWith(w));
  };
  const folded = new Set(tokens.map(fold));
  if (!words.every((w) => [...folded].some((t) => t.startsWith(w)))) return null;
  const first = tokens.findIndex(isHit);
  const start = Math.max(0, first - 10);
  const end = Math.min(tokens.length, first + 14);
  const parts: SnippetPart[] = [];
  if (start > 0) parts.push({ text: '…', hit: false });
  for (const token of tokens.slice(start, end)) {
    const hit = isHit(token);
    const last = parts.at(-1);
    if (last && !last.hit && !hit) last.text += token;
    else if (token !== '') parts.push({ text: token, hit });
  }
  if (end < tokens.length) parts.push({ text: '…', hit: false });
  return parts;
}

/** The most skills one growth goal names, as the core's `validate::MAX_GOAL_SKILLS`. */
const MAX_GOAL_SKILLS = 20;

/** A goal's skills as the core keeps them: skill names, trimmed, sorted, each once, 20 at most. */
function goalSkills(skills: readonly string[]): string[] {
  const kept = [...new Set(skills.map((s) => text(s, 'skill name', 60)))].sort();
  if (kept.length > MAX_GOAL_SKILLS) {
    throw new BackendError('invalid_input', `A growth goal can name at most ${MAX_GOAL_SKILLS} skills.`);
  }
  return kept;
}
