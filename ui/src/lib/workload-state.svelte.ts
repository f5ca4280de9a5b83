import type { Horizon } from '../bindings/Horizon';
import type { Plan } from '../bindings/Plan';
import type { Workload } from '../bindings/Workload';
import { BackendError, toBackendError, type Backend } from './backend';
import type { BoardState } from './board-state.svelte';
import type { Notices } from './notices.svelte';
import { localDay } from './ui-helpers';
import { CAPACITY_NAN_MESSAGE, nextTwoWeeks, thisWeek } from './workload';

export type HorizonChoice = 'week' | 'two-weeks' | 'custom';

/** What the lead asked the planner for. */
export type PlanKind = 'suggest' | 'rebalance';

/**
 * The Workload page: the horizon, the workload the core computed for it, and the plan being
 * previewed with the suggestions the lead keeps.
 */
export class WorkloadState {
  choice = $state<HorizonChoice>('two-weeks');
  custom = $state<Horizon>({ start: '', end: '' });
  data = $state<Workload | null>(null);
  /** Why the workload could not be read, shown in place of it. */
  failure = $state<string | null>(null);
  plan = $state<Plan | null>(null);
  planKind = $state<PlanKind>('suggest');
  /** Card ids of the suggestions and moves the lead keeps: all of them at first. */
  accepted = $state<number[]>([]);
  /** Cards to suggest for; empty: every unassigned card. */
  chosen = $state<number[]>([]);
  stretch = $state(false);
  /** Percent of a person's capacity that may be stretch work. */
  stretchShare = $state(20);
  busy = $state(false);

  horizon: Horizon = $derived(
    this.choice === 'week'
      ? thisWeek(this.today())
      : this.choice === 'two-weeks'
        ? nextTwoWeeks(this.today())
        : this.custom,
  );

  private request = 0;

  constructor(
    private readonly backend: Backend,
    private readonly notices: Notices,
    private readonly board: BoardState,
    private readonly today: () => string = () => localDay(),
  ) {
    this.custom = nextTwoWeeks(this.today());
  }

  /** Re-reads the workload of the open board for the current horizon. */
  async refresh(): Promise<void> {
    const boardId = this.board.id;
    if (boardId === null) return;
    const horizon = { ...this.horizon };
    if (horizon.start === '' || horizon.end === '') return;
    const request = ++this.request;
    try {
      const data = await this.backend.workload({ boardId, horizon });
      if (request !== this.request) return;
      this.data = data;
      this.failure = null;
    } catch (error) {
      if (request !== this.request) return;
      this.failure = toBackendError(error).message;
    }
  }

  async chooseHorizon(choice: HorizonChoice): Promise<void> {
    this.choice = choice;
    this.plan = null;
    await this.refresh();
  }

  async setCustom(part: 'start' | 'end', day: string): Promise<void> {
    this.custom = { ...this.custom, [part]: day };
    this.plan = null;
    await this.refresh();
  }

  /** What was typed in a capacity field: empty clears it. True when saved. */
  async setCapacity(memberId: number, raw: string, badInput = false): Promise<boolean> {
    const text = raw.trim();
    const value = text === '' && !badInput ? null : Number(text);
    if (value !== null && (badInput || text === '' || !Number.isFinite(value))) {
      this.notices.error(new BackendError('invalid_input', CAPACITY_NAN_MESSAGE));
      return false;
    }
    return this.write(() => this.backend.setCapacity({ memberId, weeklyCapacity: value }));
  }

  async addTimeOff(memberId: number, start: string, end: string): Promise<boolean> {
    return this.write(() => this.backend.addTimeOff({ memberId, start, end }));
  }

  async removeTimeOff(timeOffId: number): Promise<boolean> {
    return this.write(() => this.backend.removeTimeOff(timeOffId));
  }

  /** Asks the planner; the plan is previewed, nothing is written. */
  async suggest(kind: PlanKind): Promise<boolean> {
    const boardId = this.board.id;
    if (boardId === null) return false;
    this.busy = true;
    try {
      const plan = await this.backend.suggestPlan({
        boardId,
        horizon: { ...this.horizon },
        cardIds: kind === 'suggest' && this.chosen.length > 0 ? [...this.chosen] : null,
        rebalance: kind === 'rebalance',
        stretch: this.stretch,
        maxStretchShare: Math.min(100, Math.max(0, this.stretchShare || 0)) / 100,
      });
      this.plan = plan;
      this.planKind = kind;
      this.accepted = [...plan.suggestions.map((s) => s.cardId), ...plan.moves.map((m) => m.cardId)];
      return true;
    } catch (error) {
      this.notices.error(error);
      return false;
    } finally {
      this.busy = false;
    }
  }

  toggle(cardId: number, on: boolean): void {
    const others = this.accepted.filter((id) => id !== cardId);
    this.accepted = on ? [...others, cardId] : others;
  }

  discard(): void {
    this.plan = null;
  }

  /** Applies the kept suggestions and moves as one action; the number applied, null when refused. */
  async apply(): Promise<number | null> {
    const boardId = this.board.id;
    const plan = this.plan;
    if (boardId === null || plan === null) return null;
    const assignments = [
      ...plan.suggestions.map((s) => ({ cardId: s.cardId, memberId: s.personId })),
      ...plan.moves.map((m) => ({ cardId: m.cardId, memberId: m.toId })),
    ].filter((a) => this.accepted.includes(a.cardId));
    this.busy = true;
    try {
      await this.backend.applyPlan({ boardId, assignments });
      this.plan = null;
      this.chosen = [];
      return assignments.length;
    } catch (error) {
      this.notices.error(error);
      return null;
    } finally {
      this.busy = false;
      await Promise.all([this.board.reload(), this.refresh()]);
    }
  }

  /** After undo or redo: the preview may no longer match the board. */
  async resync(): Promise<void> {
    this.plan = null;
    this.chosen = this.chosen.filter((id) => this.board.find(id)?.card.assigneeId === null);
    await this.refresh();
  }

  private async write(action: () => Promise<unknown>): Promise<boolean> {
    try {
      await action();
      this.plan = null;
      await this.refresh();
      return true;
    } catch (error) {
      this.notices.error(error);
      await this.refresh();
      return false;
    }
  }
}
