import { screen, waitFor, within } from '@testing-library/svelte';
import type { UserEvent } from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { FakeBackend } from '../lib/fake-backend';
import { card, renderBoard, smallTeam, titlesOnScreen } from './helpers';

async function moveWithMenu(user: UserEvent, title: string, to: string) {
  await user.click(within(card(title)).getByTestId('card-menu'));
  await user.click(await screen.findByRole('menuitem', { name: `Move to ${to}` }));
  await waitFor(() => expect(titlesOnScreen()[to]).toContain(title));
  // Shown at once; announced once saved.
  await waitFor(() => expect(screen.getByTestId('live-region')).toHaveTextContent(`Moved ${title} to ${to}`));
}

describe('undo and redo', () => {
  it('Ctrl+Z puts a moved card back, in the backend too, and Ctrl+Shift+Z moves it again', async () => {
    const backend = new FakeBackend(smallTeam());
    const { user } = await renderBoard(backend);
    await moveWithMenu(user, 'Fix login', 'Done');

    await user.keyboard('{Control>}z{/Control}');
    await waitFor(() => expect(titlesOnScreen()['To do']).toEqual(['Write spec', 'Fix login', 'Plan sprint']));
    expect(backend.boardNow(1).cards.find((c) => c.title === 'Fix login')?.columnId).toBe(1);
    await waitFor(() => expect(screen.getByTestId('live-region')).toHaveTextContent('Undone: Move card.'));

    await user.keyboard('{Control>}{Shift>}z{/Shift}{/Control}');
    await waitFor(() => expect(titlesOnScreen()['Done']).toEqual(['Fix login']));
    expect(screen.getByTestId('live-region')).toHaveTextContent('Redone: Move card.');
  });

  it('undoes a rename and says when there is nothing left to undo', async () => {
    const backend = new FakeBackend(smallTeam());
    const { user } = await renderBoard(backend);
    card('Plan sprint').focus();
    await user.keyboard('e');
    const input = await screen.findByTestId('card-title-input');
    await user.clear(input);
    await user.type(input, 'Plan the sprint{Enter}');
    await waitFor(() => expect(titlesOnScreen()['To do']).toContain('Plan the sprint'));

    await user.keyboard('{Control>}z{/Control}');
    await waitFor(() => expect(titlesOnScreen()['To do']).toContain('Plan sprint'));
    await user.keyboard('{Control>}z{/Control}');
    await waitFor(() => expect(screen.getByTestId('live-region')).toHaveTextContent('Nothing to undo.'));
  });

  it('leaves Ctrl+Z to a text field while typing', async () => {
    const backend = new FakeBackend(smallTeam());
    const { user } = await renderBoard(backend);
    await moveWithMenu(user, 'Fix login', 'Done');
    card('Write spec').focus();
    await user.keyboard('e');
    await screen.findByTestId('card-title-input');
    await user.keyboard('{Control>}z{/Control}');
    expect(titlesOnScreen()['Done']).toEqual(['Fix login']);
  });
});
