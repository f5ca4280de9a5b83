import { render, screen } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import ConfirmDelete from '../components/ConfirmDelete.svelte';
import ShortcutsDialog from '../components/ShortcutsDialog.svelte';

// The shared Dialog, through its two kinds of users.
describe('Dialog', () => {
  it('asks a question: labelled, focus on Cancel, Tab stays inside, Escape cancels', async () => {
    const user = userEvent.setup();
    const onCancel = vi.fn();
    const onConfirm = vi.fn();
    render(ConfirmDelete, { title: 'Fix login', onCancel, onConfirm });
    const dialog = screen.getByRole('alertdialog', { name: 'Delete this card?' });
    expect(dialog).toHaveAttribute('aria-modal', 'true');
    expect(dialog).toHaveAccessibleDescription(/“Fix login” and its history will be deleted/);
    expect(screen.getByTestId('confirm-delete-no')).toHaveFocus();
    await user.tab();
    expect(screen.getByTestId('confirm-delete-yes')).toHaveFocus();
    await user.tab();
    expect(screen.getByTestId('confirm-delete-no')).toHaveFocus();
    await user.keyboard('{Escape}');
    expect(onCancel).toHaveBeenCalledTimes(1);
    await user.click(screen.getByTestId('confirm-delete-yes'));
    expect(onConfirm).toHaveBeenCalledTimes(1);
  });

  it('dismissible: a click outside closes it, and focus goes back', async () => {
    const user = userEvent.setup();
    const before = document.body.appendChild(document.createElement('button'));
    before.focus();
    const onClose = vi.fn();
    const { unmount } = render(ShortcutsDialog, { onClose });
    expect(screen.getByRole('dialog', { name: 'Keyboard shortcuts' })).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Close' })).toHaveFocus();
    await user.click(before);
    expect(onClose).toHaveBeenCalledTimes(1);
    unmount();
    expect(before).toHaveFocus();
    before.remove();
  });
});
