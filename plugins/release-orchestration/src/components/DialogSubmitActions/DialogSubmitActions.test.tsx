import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { DialogSubmitActions } from './DialogSubmitActions';

describe('DialogSubmitActions', () => {
  it('offers Cancel, then the named action', async () => {
    const onCancel = jest.fn();
    const onSubmit = jest.fn();
    render(
      <DialogSubmitActions
        onCancel={onCancel}
        onSubmit={onSubmit}
        submitLabel="Request promotion"
      />,
    );
    const buttons = screen.getAllByRole('button');
    expect(buttons.map(b => b.textContent)).toEqual([
      'Cancel',
      'Request promotion',
    ]);
    await userEvent.click(buttons[1]);
    await userEvent.click(buttons[0]);
    expect(onSubmit).toHaveBeenCalledTimes(1);
    expect(onCancel).toHaveBeenCalledTimes(1);
  });

  it('disables the action, and Cancel when asked (while the request is under way)', () => {
    render(
      <DialogSubmitActions
        onCancel={jest.fn()}
        onSubmit={jest.fn()}
        submitLabel="Reject"
        submitDisabled
        cancelDisabled
        color="secondary"
      />,
    );
    expect(screen.getByRole('button', { name: 'Reject' })).toBeDisabled();
    expect(screen.getByRole('button', { name: 'Cancel' })).toBeDisabled();
    expect(screen.getByRole('button', { name: 'Reject' })).toHaveClass(
      'MuiButton-containedSecondary',
    );
  });
});
