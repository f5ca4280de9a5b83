import { fireEvent, screen, waitFor, within } from '@testing-library/svelte';
import type { UserEvent } from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { FakeBackend } from '../lib/fake-backend';
import { card, estimatedTeam, rect, renderBoard, titlesOnScreen } from './helpers';

function avatar(memberId: string): HTMLElement {
  const found = screen.getAllByTestId('team-avatar').find((a) => a.dataset.memberId === memberId);
  if (!found) throw new Error(`no avatar ${memberId}`);
  return found;
}

/**
 * jsdom has no layout. Columns 200 px wide at x = 0, 220, 440 with cards from y = 100; the
 * team strip's avatars 30 px wide from x = 700, 40 px apart, at y = 10..40.
 */
function layOut() {
  screen.queryAllByTestId('column').forEach((col, i) => {
    col.getBoundingClientRect = () => rect(i * 220, 50, 200, 600);
    within(col)
      .queryAllByTestId('card')
      .forEach((el, j) => {
        el.getBoundingClientRect = () => rect(i * 220 + 10, 100 + j * 50, 180, 40);
      });
  });
  screen.getAllByTestId('team-avatar').forEach((a, i) => {
    a.getBoundingClientRect = () => rect(700 + i * 40, 10, 30, 30);
  });
}

async function dragTo(el: HTMLElement, from: [number, number], to: [number, number]) {
  await fireEvent.pointerDown(el, { clientX: from[0], clientY: from[1], button: 0, pointerId: 1 });
  await fireEvent.pointerMove(window, { clientX: to[0] - 20, clientY: to[1] + 20, pointerId: 1 });
  await fireEvent.pointerMove(window, { clientX: to[0], clientY: to[1], pointerId: 1 });
}

async function showPeople(user: UserEvent) {
  await user.click(screen.getByTestId('view-people'));
  await screen.findAllByTestId('lane');
}

describe('the team strip', () => {
  it('shows everyone and Unassigned with their open work', async () => {
    await renderBoard(new FakeBackend(estimatedTeam()));
    const strip = screen.getByTestId('team-strip');
    const avatars = within(strip).getAllByTestId('team-avatar');
    expect(avatars.map((a) => a.dataset.memberId)).toEqual(['1', '2', 'none']);
    expect(avatars[0]).toHaveAccessibleName('Ana Souza: 2 open cards, 8 pts');
    expect(avatars[0]).toHaveTextContent('AS');
    expect(avatars[1]).toHaveAccessibleName('Chidi Okafor: 1 open card, 0 pts');
    expect(avatars[2]).toHaveAccessibleName('Unassigned: 2 open cards, 2 pts');
  });

  it('a click shows only that person’s cards; another click shows all again', async () => {
    const { user } = await renderBoard();
    await user.click(avatar('2'));
    expect(avatar('2')).toHaveAttribute('aria-pressed', 'true');
    expect(titlesOnScreen()).toEqual({ 'To do': [], 'In progress': ['Build API'], Done: [] });
    expect(screen.getAllByTestId('filter-chip')).toHaveLength(1);
    await user.click(avatar('2'));
    expect(avatar('2')).toHaveAttribute('aria-pressed', 'false');
    expect(titlesOnScreen()['To do']).toEqual(['Write spec', 'Fix login', 'Plan sprint']);
  });
});

describe('dropping a card on a person', () => {
  it('assigns it, as one undoable action, and highlights the avatar under the pointer', async () => {
    const { user, backend } = await renderBoard();
    const assign = vi.spyOn(backend, 'assignCard');
    const move = vi.spyOn(backend, 'moveCard');
    layOut();
    await dragTo(card('Fix login'), [100, 170], [755, 25]);
    expect(avatar('2')).toHaveClass('target');
    expect(avatar('1')).not.toHaveClass('target');
    // No drop line in any column meanwhile.
    expect(document.querySelector('.drop-line')).toBeNull();
    await fireEvent.pointerUp(window, { clientX: 755, clientY: 25, pointerId: 1 });

    await waitFor(() => expect(backend.cardNow(2)?.assigneeId).toBe(2));
    expect(assign).toHaveBeenCalledTimes(1);
    expect(assign).toHaveBeenCalledWith({ cardId: 2, memberId: 2 });
    expect(move).not.toHaveBeenCalled();
    expect(titlesOnScreen()['To do']).toEqual(['Write spec', 'Fix login', 'Plan sprint']);
    expect(within(card('Fix login')).getByRole('img', { name: 'Assigned to Chidi Okafor' })).toBeInTheDocument();
    await waitFor(() => expect(screen.getByTestId('live-region')).toHaveTextContent('Assigned Fix login to Chidi Okafor.'));
    expect(avatar('2')).not.toHaveClass('target');
    await waitFor(() => expect(avatar('2')).toHaveAccessibleName('Chidi Okafor: 2 open cards, 0 pts'));

    await user.keyboard('{Control>}z{/Control}');
    await waitFor(() => expect(backend.cardNow(2)?.assigneeId).toBeNull());
    expect(screen.getByTestId('live-region')).toHaveTextContent('Undone: Assign card.');
  });

  it('Unassigned takes the card from its person; leaving the strip drops in a column again', async () => {
    const { backend } = await renderBoard();
    layOut();
    await dragTo(card('Write spec'), [100, 120], [795, 25]);
    expect(avatar('none')).toHaveClass('target');
    await fireEvent.pointerUp(window, { clientX: 795, clientY: 25, pointerId: 1 });
    await waitFor(() => expect(backend.cardNow(1)?.assigneeId).toBeNull());
    await waitFor(() => expect(screen.getByTestId('live-region')).toHaveTextContent('Unassigned Write spec.'));

    layOut();
    await dragTo(card('Write spec'), [100, 120], [755, 25]);
    await fireEvent.pointerMove(window, { clientX: 300, clientY: 135, pointerId: 1 });
    expect(avatar('2')).not.toHaveClass('target');
    await fireEvent.pointerUp(window, { clientX: 300, clientY: 135, pointerId: 1 });
    await waitFor(() => expect(backend.cardNow(1)?.columnId).toBe(2));
    expect(backend.cardNow(1)?.assigneeId).toBeNull();
  });

  it('dropping on the person it is already with changes nothing', async () => {
    const { backend } = await renderBoard();
    const assign = vi.spyOn(backend, 'assignCard');
    layOut();
    await dragTo(card('Write spec'), [100, 120], [715, 25]);
    await fireEvent.pointerUp(window, { clientX: 715, clientY: 25, pointerId: 1 });
    await waitFor(() => expect(screen.getByTestId('live-region')).toHaveTextContent('Write spec is already with Ana Souza.'));
    expect(assign).not.toHaveBeenCalled();
  });

  it('works from the by-person view', async () => {
    const { user, backend } = await renderBoard();
    await showPeople(user);
    layOut();
    await dragTo(card('Plan sprint'), [300, 520], [715, 25]);
    expect(avatar('1')).toHaveClass('target');
    await fireEvent.pointerUp(window, { clientX: 715, clientY: 25, pointerId: 1 });
    await waitFor(() => expect(backend.cardNow(3)?.assigneeId).toBe(1));
    expect(backend.cardNow(3)?.columnId).toBe(1);
    await waitFor(() => expect(screen.getByTestId('live-region')).toHaveTextContent('Assigned Plan sprint to Ana Souza.'));
    const ana = screen.getAllByTestId('lane').find((l) => l.dataset.memberName === 'Ana Souza')!;
    expect(within(ana).getAllByTestId('card-title').map((t) => t.textContent)).toContain('Plan sprint');
  });
});

describe('assigning a held card with a digit', () => {
  it('1–9 give it to that person of the strip, 0 to nobody', async () => {
    const { user, backend } = await renderBoard();
    const assign = vi.spyOn(backend, 'assignCard');
    card('Fix login').focus();
    await user.keyboard(' ');
    // The strip shows which digit is whose.
    expect(within(avatar('2')).getByText('2')).toBeInTheDocument();
    await user.keyboard('2');
    await waitFor(() => expect(backend.cardNow(2)?.assigneeId).toBe(2));
    expect(assign).toHaveBeenCalledWith({ cardId: 2, memberId: 2 });
    await waitFor(() => expect(screen.getByTestId('live-region')).toHaveTextContent('Assigned Fix login to Chidi Okafor.'));
    expect(card('Fix login')).not.toHaveClass('picked');
    expect(card('Fix login')).toHaveFocus();

    await user.keyboard(' 0');
    await waitFor(() => expect(backend.cardNow(2)?.assigneeId).toBeNull());
    await waitFor(() => expect(screen.getByTestId('live-region')).toHaveTextContent('Unassigned Fix login.'));
  });

  it('after arrow keys, moves and assigns as one action', async () => {
    const { user, backend } = await renderBoard();
    const place = vi.spyOn(backend, 'placeCard');
    card('Fix login').focus();
    await user.keyboard(' {ArrowRight}1');
    await waitFor(() => expect(backend.cardNow(2)).toMatchObject({ assigneeId: 1, columnId: 2 }));
    expect(place).toHaveBeenCalledWith({ cardId: 2, columnId: 2, afterId: 4, memberId: 1 });
    expect(screen.getByTestId('live-region')).toHaveTextContent(
      'Assigned Fix login to Ana Souza. Moved it to In progress, position 2 of 2.',
    );
    expect((await backend.undo()).label).toBe('Move and assign card');
  });

  it('a digit with nobody behind it says so and keeps the card held', async () => {
    const { user, backend } = await renderBoard();
    const assign = vi.spyOn(backend, 'assignCard');
    card('Fix login').focus();
    await user.keyboard(' 7');
    expect(screen.getByTestId('live-region')).toHaveTextContent('There is no person 7 on the team strip.');
    expect(card('Fix login')).toHaveClass('picked');
    expect(assign).not.toHaveBeenCalled();
    await user.keyboard('{Escape}');
  });

  it('works in the by-person view: the card goes to that person’s lane', async () => {
    const { user, backend } = await renderBoard();
    await showPeople(user);
    card('Plan sprint').focus();
    await user.keyboard(' 2');
    await waitFor(() => expect(backend.cardNow(3)?.assigneeId).toBe(2));
    expect(backend.cardNow(3)?.columnId).toBe(1);
    expect(screen.getByTestId('live-region')).toHaveTextContent('Assigned Plan sprint to Chidi Okafor.');
  });
});
