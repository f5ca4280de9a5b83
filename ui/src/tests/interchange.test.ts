import { beforeEach, describe, expect, it, vi } from 'vitest';

const invoke = vi.fn();
vi.mock('@tauri-apps/api/core', () => ({ invoke: (...args: unknown[]) => invoke(...args) }));

const { TauriBackend } = await import('../lib/tauri-backend');
const { BackendError } = await import('../lib/backend');
const { FakeBackend } = await import('../lib/fake-backend');
const { csvRecords } = await import('../lib/fake-interchange');

async function rejection(promise: Promise<unknown>): Promise<InstanceType<typeof BackendError>> {
  try {
    await promise;
  } catch (error) {
    expect(error).toBeInstanceOf(BackendError);
    return error as InstanceType<typeof BackendError>;
  }
  throw new Error('expected a rejection');
}

/** Card titles per column name of a board, top to bottom. */
async function columns(backend: InstanceType<typeof FakeBackend>, boardId: number): Promise<Record<string, string[]>> {
  const board = await backend.loadBoard(boardId);
  return Object.fromEntries(
    board.columns.map((c) => [c.name, board.cards.filter((k) => k.columnId === c.id).map((k) => k.title)]),
  );
}

describe('TauriBackend export and import', () => {
  beforeEach(() => {
    invoke.mockReset();
    invoke.mockResolvedValue('ok');
  });

  it('invokes the commands with exactly these names and arguments', async () => {
    const backend = new TauriBackend();
    await backend.exportWorkspace({ path: '/tmp/all.json', replace: false });
    await backend.saveWorkspace();
    await backend.importFile({ kind: 'csv', path: '/tmp/cards.csv', boardId: 2 });
    expect(invoke.mock.calls).toEqual([
      ['export_workspace', { req: { path: '/tmp/all.json', replace: false } }],
      ['save_workspace'],
      ['import_file', { req: { kind: 'csv', path: '/tmp/cards.csv', boardId: 2 } }],
    ]);
  });
});

describe('FakeBackend export and import', () => {
  it('exports everything and imports it back into an empty workspace only', async () => {
    const source = FakeBackend.demo({ now: () => Date.UTC(2026, 2, 14) });
    const saved = await source.exportWorkspace({ path: '/home/lead/all.json', replace: false });
    expect(saved.path).toBe('/home/lead/all.json');
    expect(saved.bytes).toBeGreaterThan(1000);
    const text = source.files.get('/home/lead/all.json')!;
    expect(JSON.parse(text)).toMatchObject({ format: 'teamlead', version: 1 });

    // Never over a file unless the user confirmed it.
    const again = await rejection(source.exportWorkspace({ path: '/home/lead/all.json', replace: false }));
    expect(again.message).toBe(
      '/home/lead/all.json already exists. Choose another name, or confirm replacing it. Nothing was written.',
    );
    await source.exportWorkspace({ path: '/home/lead/all.json', replace: true });
    const first = await source.saveWorkspace();
    const second = await source.saveWorkspace();
    expect([first.path, second.path]).toEqual([
      '/home/lead/Downloads/Teamlead export 2026-03-14.json',
      '/home/lead/Downloads/Teamlead export 2026-03-14 (2).json',
    ]);

    const target = new FakeBackend();
    target.files.set('/x/all.json', text);
    const summary = await target.importFile({ kind: 'json', path: '/x/all.json', boardId: null });
    expect(summary).toMatchObject({ boards: 1, people: 6, cards: 30 });
    expect(await columns(target, 1)).toEqual(await columns(source, 1));
    expect((await target.listMembers()).map((m) => m.name)).toEqual((await source.listMembers()).map((m) => m.name));

    const refused = await rejection(target.importFile({ kind: 'json', path: '/x/all.json', boardId: null }));
    expect(refused.message).toContain('This workspace already has a board.');
  });

  it('adds CSV cards to a board, matching columns, people and labels by name', async () => {
    const backend = FakeBackend.demo();
    backend.files.set(
      '/x/cards.csv',
      'title,column,assignee,estimate,labels\n"Fix the ""Save"" button",to do,Priya Nair,1.5,"Bug, New one"\nRota,,priya nair,,\n',
    );
    const before = (await backend.listMembers()).length;
    const summary = await backend.importFile({ kind: 'csv', path: '/x/cards.csv', boardId: 1 });
    expect(summary).toEqual({ boardId: 1, boards: 0, columns: 0, cards: 2, labels: 1, people: 1, sessions: 0 });
    const board = await columns(backend, 1);
    expect(board['To do'].at(-1)).toBe('Fix the "Save" button');
    expect(board.Backlog.at(-1)).toBe('Rota');
    expect((await backend.listMembers()).length).toBe(before + 1);
    // One undo step takes the cards back.
    expect((await backend.undo()).label).toBe('Import from CSV');
    expect((await columns(backend, 1))['To do']).not.toContain('Fix the "Save" button');
  });

  it('refuses broken CSV with the core messages and leaves the board as it was', async () => {
    const backend = FakeBackend.demo();
    const before = await backend.loadBoard(1);
    backend.files.set('/x/broken.csv', 'title,description\nFirst,"fine"\nSecond,"never closed\n');
    const error = await rejection(backend.importFile({ kind: 'csv', path: '/x/broken.csv', boardId: 1 }));
    expect(error.message).toBe(
      'broken.csv: Line 3: field 2 opens a quote that is never closed; a quote inside a quoted field is written twice (""). Nothing was imported.',
    );
    backend.files.set('/x/long.csv', `title\n${'t'.repeat(600)}\n`);
    const long = await rejection(backend.importFile({ kind: 'csv', path: '/x/long.csv', boardId: 1 }));
    expect(long.message).toBe('long.csv: Line 2: The title can be at most 500 characters long. Nothing was imported.');
    backend.files.set('/x/empty.csv', '');
    expect((await rejection(backend.importFile({ kind: 'csv', path: '/x/empty.csv', boardId: 1 }))).message).toBe(
      'empty.csv is empty. Nothing was imported.',
    );
    expect(await backend.loadBoard(1)).toEqual(before);
  });

  it('makes a board of a Trello export', async () => {
    const backend = new FakeBackend();
    backend.files.set(
      '/x/trello.json',
      JSON.stringify({
        name: 'Launch',
        lists: [
          { id: 'l2', name: 'Doing', pos: 2 },
          { id: 'l1', name: 'Backlog', pos: 1 },
        ],
        labels: [{ id: 'g', name: '', color: 'green' }],
        members: [{ id: 'm', fullName: 'Marco Rossi', username: 'marco' }],
        cards: [
          { id: 'c2', name: 'Second', idList: 'l1', pos: 2, idLabels: ['g'], idMembers: ['m'] },
          { id: 'c1', name: 'First', idList: 'l1', pos: 1, due: '2026-04-03T16:00:00.000Z' },
          { id: 'c3', name: 'Gone', idList: 'l2', pos: 1, closed: true },
        ],
        checklists: [{ id: 'k', idCard: 'c1', checkItems: [{ name: 'B', state: 'complete', pos: 2 }, { name: 'A', pos: 1 }] }],
      }),
    );
    const summary = await backend.importFile({ kind: 'trello', path: '/x/trello.json', boardId: null });
    expect(summary).toMatchObject({ boards: 1, columns: 2, cards: 3, labels: 1, people: 1 });
    expect(await columns(backend, summary.boardId!)).toEqual({ Backlog: ['First', 'Second'], Doing: [] });
    const board = await backend.loadBoard(summary.boardId!);
    expect(board.labels.map((l) => [l.name, l.color])).toEqual([['Green', 'green']]);
    const first = board.cards.find((c) => c.title === 'First')!;
    expect(first.due).toBe('2026-04-03');
    expect(first.checklist).toEqual({ done: 1, total: 2 });

    backend.files.set('/x/dangling.json', JSON.stringify({ name: 'B', lists: [], cards: [{ id: 'c', name: 'X', idList: 'zz' }] }));
    const dangling = await rejection(backend.importFile({ kind: 'trello', path: '/x/dangling.json', boardId: null }));
    expect(dangling.message).toBe(
      'dangling.json: Card c (\u201cX\u201d): it refers to list zz, which the file does not have. Nothing was imported.',
    );
  });

  it('reads CSV as RFC 4180 says', () => {
    expect(csvRecords('t.csv', 'a,"b,c","d""e"\r\n"multi\nline",,""\r\n\n\nlast,row,x')).toEqual([
      { line: 1, fields: ['a', 'b,c', 'd"e'] },
      { line: 2, fields: ['multi\nline', '', ''] },
      { line: 6, fields: ['last', 'row', 'x'] },
    ]);
  });
});
