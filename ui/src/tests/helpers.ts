import { render, screen, within } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import App from '../App.svelte';
import type { Backend } from '../lib/backend';
import { FakeBackend, type FakeInit } from '../lib/fake-backend';

/** A small board: three columns, a few cards, two people. */
export function smallTeam(): FakeInit {
  return {
    members: [
      { name: 'Ana Souza', role: 'Backend engineer' },
      { name: 'Chidi Okafor', role: 'Frontend engineer' },
    ],
    boards: [
      {
        name: 'Core team',
        columns: [
          { name: 'To do', cards: [{ title: 'Write spec', assigneeId: 1 }, 'Fix login', 'Plan sprint'] },
          { name: 'In progress', cards: [{ title: 'Build API', assigneeId: 2 }] },
          { name: 'Done', cards: [] },
        ],
      },
    ],
  };
}

/** Two people; estimates on some cards; "In progress" limited to 1 card; a done column. */
export function estimatedTeam(): FakeInit {
  return {
    members: [
      { name: 'Ana Souza', role: 'Backend engineer' },
      { name: 'Chidi Okafor', role: 'Frontend engineer' },
    ],
    boards: [
      {
        name: 'Core team',
        columns: [
          {
            name: 'To do',
            cards: [{ title: 'Write spec', assigneeId: 1, estimate: 3 }, { title: 'Fix login', estimate: 2 }, 'Plan sprint'],
          },
          {
            name: 'In progress',
            wipLimit: 1,
            cards: [
              { title: 'Build API', assigneeId: 1, estimate: 5 },
              { title: 'Review PR', assigneeId: 2 },
            ],
          },
          { name: 'Done', cards: [{ title: 'Ship v1', assigneeId: 1, estimate: 8 }] },
        ],
      },
    ],
  };
}

export async function renderApp(backend: Backend = new FakeBackend(smallTeam())) {
  const user = userEvent.setup();
  const result = render(App, { props: { backend } });
  return { user, backend, ...result };
}

/** Renders the app on a board and waits until the board is on screen. */
export async function renderBoard(backend = new FakeBackend(smallTeam())) {
  const rendered = await renderApp(backend);
  await screen.findByTestId('board');
  return { ...rendered, backend };
}

export function column(name: string): HTMLElement {
  const found = screen.getAllByTestId('column').find((c) => c.dataset.columnName === name);
  if (!found) throw new Error(`no column ${name}`);
  return found;
}

export function card(title: string): HTMLElement {
  const found = screen
    .getAllByTestId('card')
    .find((c) => within(c).queryByTestId('card-title')?.textContent === title);
  if (!found) throw new Error(`no card ${title}`);
  return found;
}

/** Card titles per column as the screen shows them, top to bottom. */
export function titlesOnScreen(): Record<string, string[]> {
  return Object.fromEntries(
    screen.getAllByTestId('column').map((col) => [
      col.dataset.columnName,
      within(col)
        .queryAllByTestId('card-title')
        .map((t) => t.textContent ?? ''),
    ]),
  );
}

export function rect(left: number, top: number, width: number, height: number): DOMRect {
  return {
    left,
    top,
    width,
    height,
    right: left + width,
    bottom: top + height,
    x: left,
    y: top,
    toJSON: () => ({}),
  } as DOMRect;
}

/** Wednesday: "this week" runs to Sunday 2025-03-16. */
const TODAY = '2025-03-12';

/** Cards with priorities, due dates, labels, skills, a blocked one. */
export function detailedTeam(): FakeInit {
  return {
    members: [
      { name: 'Ana Souza', role: 'Backend engineer', skills: [{ name: 'Rust', level: 4 }] },
      { name: 'Chidi Okafor', role: 'Frontend engineer' },
    ],
    boards: [
      {
        name: 'Core team',
        labels: [
          { id: 1, name: 'bug', color: 'vermillion' },
          { id: 2, name: 'ux', color: 'sky' },
        ],
        columns: [
          {
            name: 'To do',
            wipLimit: 2,
            cards: [
              { title: 'Write spec', assigneeId: 1, labelIds: [1], due: '2025-03-10' },
              {
                title: 'Fix login',
                priority: 'urgent',
                description: 'Users see an érror page',
                blocked: { reason: 'Waiting for the vendor', since: 1 },
              },
              { title: 'Plan sprint', skills: [{ skill: 'Rust', minLevel: 2 }] },
            ],
          },
          {
            name: 'In progress',
            cards: [
              { title: 'Build API', assigneeId: 2, labelIds: [2], due: '2025-03-14' },
              { title: 'Review PR', assigneeId: 1, priority: 'high' },
            ],
          },
          { name: 'Done', cards: [{ title: 'Ship v1', assigneeId: 1, due: '2025-03-01' }] },
        ],
      },
    ],
  };
}

/** Renders the app on `detailedTeam` (or `backend`), with today fixed at TODAY. */
export async function renderFiltered(backend = new FakeBackend(detailedTeam())) {
  const user = userEvent.setup();
  const result = render(App, { props: { backend, today: () => TODAY } });
  await screen.findByTestId('board');
  return { user, backend, ...result };
}
