import { beforeEach, describe, expect, it, vi } from 'vitest';

const invoke = vi.fn();
vi.mock('@tauri-apps/api/core', () => ({ invoke: (...args: unknown[]) => invoke(...args) }));

const { TauriBackend } = await import('../lib/tauri-backend');
const { BackendError, toBackendError } = await import('../lib/backend');
const { pickBackend } = await import('../lib/pick-backend');
const { FakeBackend } = await import('../lib/fake-backend');

describe('TauriBackend', () => {
  beforeEach(() => {
    invoke.mockReset();
    invoke.mockResolvedValue('ok');
  });

  it('invokes the commands with exactly these names and arguments', async () => {
    const backend = new TauriBackend();
    await backend.appInfo();
    await backend.workspace();
    await backend.seedDemo();
    await backend.startFresh();
    await backend.loadBoard(3);
    await backend.listMembers();
    await backend.createCard({ columnId: 2, title: 'New' });
    await backend.renameCard({ cardId: 5, title: 'Renamed' });
    await backend.moveCard({ cardId: 5, columnId: 2, afterId: null });
    await backend.assignCard({ cardId: 5, memberId: 3 });
    await backend.assignCard({ cardId: 5, memberId: null });
    await backend.setWipLimit({ columnId: 2, limit: 4 });
    await backend.setWipLimit({ columnId: 2, limit: null });
    await backend.setEstimate({ cardId: 5, estimate: 2.5 });
    await backend.setEstimate({ cardId: 5, estimate: null });
    expect(invoke.mock.calls).toEqual([
      ['app_info'],
      ['workspace'],
      ['seed_demo'],
      ['start_fresh'],
      ['load_board', { boardId: 3 }],
      ['list_members'],
      ['create_card', { req: { columnId: 2, title: 'New' } }],
      ['rename_card', { req: { cardId: 5, title: 'Renamed' } }],
      ['move_card', { req: { cardId: 5, columnId: 2, afterId: null } }],
      ['assign_card', { req: { cardId: 5, memberId: 3 } }],
      ['assign_card', { req: { cardId: 5, memberId: null } }],
      ['set_wip_limit', { req: { columnId: 2, limit: 4 } }],
      ['set_wip_limit', { req: { columnId: 2, limit: null } }],
      ['set_estimate', { req: { cardId: 5, estimate: 2.5 } }],
      ['set_estimate', { req: { cardId: 5, estimate: null } }],
    ]);
  });

  it('invokes the archive commands with the card or board id', async () => {
    const backend = new TauriBackend();
    await backend.archiveCard(5);
    await backend.restoreCard(5);
    await backend.deleteCard(5);
    await backend.archivedCards(2);
    await backend.boardLoads(2);
    expect(invoke.mock.calls).toEqual([
      ['archive_card', { cardId: 5 }],
      ['restore_card', { cardId: 5 }],
      ['delete_card', { cardId: 5 }],
      ['archived_cards', { boardId: 2 }],
      ['board_loads', { boardId: 2 }],
    ]);
  });

  it('invokes the card detail, label, skill, checklist and column archive commands', async () => {
    const backend = new TauriBackend();
    await backend.cardDetail(5);
    await backend.setDescription({ cardId: 5, text: '# Hi' });
    await backend.setPriority({ cardId: 5, priority: 'urgent' });
    await backend.setDue({ cardId: 5, due: '2026-12-04' });
    await backend.setDue({ cardId: 5, due: null });
    await backend.blockCard({ cardId: 5, reason: 'Waiting' });
    await backend.unblockCard(5);
    await backend.createLabel({ boardId: 1, name: 'Bug', color: 'vermillion' });
    await backend.updateLabel({ labelId: 2, name: 'Bugs', color: 'orange' });
    await backend.deleteLabel(2);
    await backend.setCardLabel({ cardId: 5, labelId: 2, on: true });
    await backend.setCardSkill({ cardId: 5, skill: 'Rust', minLevel: 3 });
    await backend.setCardSkill({ cardId: 5, skill: 'Rust', minLevel: null });
    await backend.skillNames();
    await backend.addChecklistItem({ cardId: 5, text: 'One' });
    await backend.renameChecklistItem({ itemId: 7, text: 'Two' });
    await backend.checkChecklistItem({ itemId: 7, done: true });
    await backend.deleteChecklistItem(7);
    await backend.archiveColumn(3);
    await backend.restoreColumn(3);
    await backend.archivedColumns(1);
    expect(invoke.mock.calls).toEqual([
      ['card_detail', { cardId: 5 }],
      ['set_description', { req: { cardId: 5, text: '# Hi' } }],
      ['set_priority', { req: { cardId: 5, priority: 'urgent' } }],
      ['set_due', { req: { cardId: 5, due: '2026-12-04' } }],
      ['set_due', { req: { cardId: 5, due: null } }],
      ['block_card', { req: { cardId: 5, reason: 'Waiting' } }],
      ['unblock_card', { cardId: 5 }],
      ['create_label', { req: { boardId: 1, name: 'Bug', color: 'vermillion' } }],
      ['update_label', { req: { labelId: 2, name: 'Bugs', color: 'orange' } }],
      ['delete_label', { labelId: 2 }],
      ['set_card_label', { req: { cardId: 5, labelId: 2, on: true } }],
      ['set_card_skill', { req: { cardId: 5, skill: 'Rust', minLevel: 3 } }],
      ['set_card_skill', { req: { cardId: 5, skill: 'Rust', minLevel: null } }],
      ['skill_names'],
      ['add_checklist_item', { req: { cardId: 5, text: 'One' } }],
      ['rename_checklist_item', { req: { itemId: 7, text: 'Two' } }],
      ['check_checklist_item', { req: { itemId: 7, done: true } }],
      ['delete_checklist_item', { itemId: 7 }],
      ['archive_column', { columnId: 3 }],
      ['restore_column', { columnId: 3 }],
      ['archived_columns', { boardId: 1 }],
    ]);
  });

  it('invokes the column and board commands with exactly these names and arguments', async () => {
    const backend = new TauriBackend();
    await backend.addColumn({ boardId: 1, name: 'QA', afterId: 2 });
    await backend.addColumn({ boardId: 1, name: 'First', afterId: null });
    await backend.renameColumn({ columnId: 3, name: 'Doing' });
    await backend.moveColumn({ columnId: 3, afterId: null });
    await backend.deleteColumn({ columnId: 3, cardsTo: 2 });
    await backend.deleteColumn({ columnId: 4, cardsTo: null });
    await backend.addBoard('Mobile');
    await backend.renameBoard({ boardId: 2, name: 'Mobile app' });
    expect(invoke.mock.calls).toEqual([
      ['add_column', { req: { boardId: 1, name: 'QA', afterId: 2 } }],
      ['add_column', { req: { boardId: 1, name: 'First', afterId: null } }],
      ['rename_column', { req: { columnId: 3, name: 'Doing' } }],
      ['move_column', { req: { columnId: 3, afterId: null } }],
      ['delete_column', { req: { columnId: 3, cardsTo: 2 } }],
      ['delete_column', { req: { columnId: 4, cardsTo: null } }],
      ['add_board', { name: 'Mobile' }],
      ['rename_board', { req: { boardId: 2, name: 'Mobile app' } }],
    ]);
  });

  it('returns what the command returns', async () => {
    invoke.mockResolvedValueOnce({ version: '1.2.3', dataFile: '/tmp/x.db', exportDir: '/tmp' });
    expect(await new TauriBackend().appInfo()).toEqual({ version: '1.2.3', dataFile: '/tmp/x.db', exportDir: '/tmp' });
  });

  it('turns an IpcError rejection into a BackendError', async () => {
    invoke.mockRejectedValueOnce({ code: 'not_found', message: 'That card (id 9) does not exist.' });
    const error = await new TauriBackend().renameCard({ cardId: 9, title: 'x' }).catch((e) => e);
    expect(error).toBeInstanceOf(BackendError);
    expect(error.code).toBe('not_found');
    expect(error.message).toBe('That card (id 9) does not exist.');
  });

  it('turns anything else into an internal error with a readable message', async () => {
    invoke.mockRejectedValueOnce('command move_card not found');
    const error = await new TauriBackend().moveCard({ cardId: 1, columnId: 1, afterId: null }).catch((e) => e);
    expect(error).toBeInstanceOf(BackendError);
    expect(error.code).toBe('internal');
    expect(error.message).toBe('command move_card not found');
  });
});

describe('toBackendError', () => {
  it.each([
    [{ code: 'storage', message: 'Disk full' }, 'storage', 'Disk full'],
    [{ code: 'weird', message: 'Odd' }, 'internal', 'Odd'],
    [new TypeError('x is undefined'), 'internal', 'x is undefined'],
    ['plain text', 'internal', 'plain text'],
    [undefined, 'internal', 'Something went wrong in Teamlead. Please try again.'],
    [{}, 'internal', 'Something went wrong in Teamlead. Please try again.'],
  ])('%j → %s', (input, code, message) => {
    const error = toBackendError(input);
    expect(error).toBeInstanceOf(BackendError);
    expect(error.code).toBe(code);
    expect(error.message).toBe(message);
  });
});

describe('pickBackend', () => {
  it('uses Tauri inside the app and the demo fake in a browser', async () => {
    expect(pickBackend(window)).toBeInstanceOf(FakeBackend);
    expect((await pickBackend(window).workspace()).empty).toBe(false);
    const inTauri = Object.assign(Object.create(window), { __TAURI_INTERNALS__: {} }) as Window;
    expect(pickBackend(inTauri)).toBeInstanceOf(TauriBackend);
  });
});
