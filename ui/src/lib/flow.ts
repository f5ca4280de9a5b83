import type { CardEvent } from '../bindings/CardEvent';
import type { Stage } from '../bindings/Stage';

export interface FlowDates {
  /** The first time the card entered an in-progress or done column. */
  startedAt: number | null;
  /** When the card last entered a done column, while it is still in one. */
  doneAt: number | null;
}

/**
 * As the core's `flow::flow_dates`: reads the flow dates from `events` (oldest first).
 * `stageOf` gives each column's stage; columns it does not know (deleted ones) are skipped.
 */
export function flowDates(events: readonly CardEvent[], stageOf: (columnId: number) => Stage | undefined): FlowDates {
  const dates: FlowDates = { startedAt: null, doneAt: null };
  let stage: Stage | undefined;
  for (const event of events) {
    if (event.kind !== 'created' && event.kind !== 'moved') continue;
    const next = event.toColumnId === null ? undefined : stageOf(event.toColumnId);
    if (next === undefined) continue;
    if (next !== 'not_started' && dates.startedAt === null) dates.startedAt = event.at;
    if (next === 'done') {
      if (stage !== 'done') dates.doneAt = event.at;
    } else {
      dates.doneAt = null;
    }
    stage = next;
  }
  return dates;
}
