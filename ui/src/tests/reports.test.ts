import { screen, waitFor, within } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { render } from '@testing-library/svelte';
import { describe, expect, it } from 'vitest';
import ReportsPage from '../components/reports/ReportsPage.svelte';
import { FakeBackend } from '../lib/fake-backend';
import { Notices } from '../lib/notices.svelte';
import { isoDay, presetPeriod } from '../lib/reports-backend';
import { smallTeam } from './helpers';

const TODAY = '2024-06-12'; // a Wednesday

function setup(backend = new FakeBackend(smallTeam())) {
  const user = userEvent.setup();
  const notices = new Notices();
  render(ReportsPage, {
    props: { backend, notices, boardId: 1, boardName: 'My team', today: TODAY, exportDir: '/home/lead/Downloads' },
  });
  return { user, backend, notices };
}

function previewHtml(): string {
  return screen.getByTestId('report-preview').getAttribute('srcdoc') ?? '';
}

describe('report periods', () => {
  it('this week runs from Monday to today; the last two weeks are the 14 days ending today', () => {
    const wednesday = new Date(2024, 5, 12);
    expect(presetPeriod('this_week', wednesday)).toEqual({ from: '2024-06-10', to: '2024-06-12' });
    expect(presetPeriod('this_week', new Date(2024, 5, 10))).toEqual({ from: '2024-06-10', to: '2024-06-10' });
    // A Sunday belongs to the week that began six days before.
    expect(presetPeriod('this_week', new Date(2024, 5, 16))).toEqual({ from: '2024-06-10', to: '2024-06-16' });
    expect(presetPeriod('last_two_weeks', wednesday)).toEqual({ from: '2024-05-30', to: '2024-06-12' });
    // Across a month and a year.
    expect(presetPeriod('last_two_weeks', new Date(2025, 0, 3))).toEqual({ from: '2024-12-21', to: '2025-01-03' });
    expect(isoDay(new Date(2024, 0, 5))).toBe('2024-01-05');
  });
});

describe('the Reports page', () => {
  it('previews the report of the last two weeks, and of another period when picked', async () => {
    const { user } = setup();
    await waitFor(() => expect(previewHtml()).toContain('Team report: '));
    expect(screen.getByTestId('period-days')).toHaveTextContent('2024-05-30 to 2024-06-12');
    expect(previewHtml()).toContain('2024-05-30 to 2024-06-12');
    // The preview runs nothing: no scripts, no access to the app.
    expect(screen.getByTestId('report-preview')).toHaveAttribute('sandbox', '');

    await user.click(screen.getByTestId('period-this_week'));
    await waitFor(() => expect(previewHtml()).toContain('2024-06-10 to 2024-06-12'));
    await user.click(screen.getByTestId('period-custom'));
    expect(screen.getByTestId('period-from')).toHaveValue('2024-06-10');
  });

  it('keeps the lead’s status, reason and needs per period and shows them in the preview', async () => {
    const { user, backend } = setup();
    await waitFor(() => expect(previewHtml()).toContain('Status: green'));
    await user.selectOptions(screen.getByTestId('report-status'), 'amber');
    await user.type(screen.getByTestId('report-status-reason'), 'Two people out sick{Tab}');
    await waitFor(() => expect(previewHtml()).toContain('Status: amber (Two people out sick)'));
    await user.type(screen.getByTestId('report-needs'), 'A decision on the <b>vendor</b>{Tab}');
    await waitFor(() => expect(previewHtml()).toContain('A decision on the &lt;b&gt;vendor&lt;/b&gt;'));
    const period = { boardId: 1, from: '2024-05-30', to: '2024-06-12' };
    expect(await backend.reportNotes(period)).toEqual({
      status: 'amber',
      statusReason: 'Two people out sick',
      needs: 'A decision on the <b>vendor</b>',
    });

    // Back to the suggested status.
    await user.selectOptions(screen.getByTestId('report-status'), 'suggested');
    await waitFor(async () => expect((await backend.reportNotes(period)).status).toBeNull());
    expect(screen.queryByTestId('report-status-reason')).toBeNull();
  });

  it('saves the report in the chosen format, never over an earlier one, and says where', async () => {
    const { user, backend } = setup();
    await waitFor(() => expect(screen.getByTestId('report-save')).toBeEnabled());
    await user.selectOptions(screen.getByTestId('report-format'), 'md');
    await user.click(screen.getByTestId('report-save'));
    const path = '/home/lead/Downloads/Team report 2024-05-30 to 2024-06-12.md';
    await waitFor(() => expect(screen.getByTestId('report-saved')).toHaveTextContent(`Saved to ${path}.`));
    expect(backend.savedReports.has(path)).toBe(true);
    await user.click(screen.getByTestId('report-save'));
    await waitFor(() => expect(screen.getByTestId('report-saved')).toHaveTextContent('(2).md'));
  });

  it('shows progress while a long export is written, with the page still usable', async () => {
    const backend = new FakeBackend(smallTeam());
    let finish: () => void = () => {};
    const save = backend.saveReport.bind(backend);
    backend.saveReport = async (req) => {
      await new Promise<void>((resolve) => (finish = resolve));
      return save(req);
    };
    const { user } = setup(backend);
    await waitFor(() => expect(screen.getByTestId('report-save')).toBeEnabled());
    await user.click(screen.getByTestId('report-save'));
    const saving = await screen.findByTestId('report-saving');
    expect(saving).toHaveTextContent('Writing the PDF file');
    expect(within(saving).getByLabelText('Saving the report').tagName).toBe('PROGRESS');
    // A second save cannot start, the format stays what is being written, the rest works.
    expect(screen.getByTestId('report-save')).toBeDisabled();
    expect(screen.getByTestId('report-format')).toBeDisabled();
    await user.type(screen.getByTestId('report-needs'), 'More reviewers');
    expect(screen.getByTestId('report-needs')).toHaveValue('More reviewers');
    finish();
    await waitFor(() => expect(screen.getByTestId('report-saved')).toHaveTextContent('.pdf'));
    expect(screen.queryByTestId('report-saving')).toBeNull();
  });

  it('saves where the native save dialog says, and nothing when it is cancelled', async () => {
    const { user, backend, notices } = setup();
    await waitFor(() => expect(screen.getByTestId('report-save-as')).toBeEnabled());
    await user.selectOptions(screen.getByTestId('report-format'), 'csv');
    await user.click(screen.getByTestId('report-save-as'));
    await waitFor(() => expect(backend.savePathRequests).toHaveLength(1));
    expect(backend.savePathRequests[0]).toEqual({
      defaultPath: '/home/lead/Downloads/Team report 2024-05-30 to 2024-06-12.csv',
      label: 'CSV',
      extension: 'csv',
    });
    expect(backend.savedReports.size).toBe(0);
    expect(screen.queryByTestId('report-saved')).toBeNull();

    backend.savePathAnswer = '/srv/reports/week-24.csv';
    await user.click(screen.getByTestId('report-save-as'));
    await waitFor(() => expect(screen.getByTestId('report-saved')).toHaveTextContent('Saved to /srv/reports/week-24.csv.'));
    expect(backend.savedReports.has('/srv/reports/week-24.csv')).toBe(true);

    // A path that cannot be written is said, and nothing claims to be saved.
    backend.savePathAnswer = 'relative/nowhere.csv';
    await user.click(screen.getByTestId('report-save-as'));
    await waitFor(() => expect(notices.errors.at(-1)?.message).toBe('Could not write relative/nowhere.csv: the folder does not exist.'));
    expect(screen.getByTestId('report-saved')).toHaveTextContent('Saved to /srv/reports/week-24.csv.');
    expect(backend.savedReports.size).toBe(1);
  });

  it('says what is wrong with a custom period instead of previewing', async () => {
    const { user } = setup();
    await waitFor(() => expect(previewHtml()).not.toBe(''));
    await user.click(screen.getByTestId('period-custom'));
    await user.clear(screen.getByTestId('period-from'));
    expect(await screen.findByTestId('report-error')).toHaveTextContent('Pick the first and last day of the period.');
    expect(screen.getByTestId('report-save')).toBeDisabled();
    expect(within(screen.getByTestId('reports-page')).queryByTestId('report-preview')).toBeNull();
  });
});
