import { renderInTestApp } from '@backstage/test-utils';
import { screen } from '@testing-library/react';
import { CursorList } from '../../hooks/useCursorList';
import { CursorListView } from './CursorListView';

function listOf(state: Partial<CursorList<string>>): CursorList<string> {
  return {
    items: [],
    loading: false,
    loadingMore: false,
    hasMore: false,
    loadMore: jest.fn(),
    reload: jest.fn(),
    ...state,
  };
}

function view(list: CursorList<string>) {
  return renderInTestApp(
    <CursorListView
      list={list}
      empty={{
        title: 'Nothing yet',
        description: 'Report one.',
        action: <button>Do it</button>,
      }}
      notice={<p>A notice</p>}
      header={<h2>The header</h2>}
    >
      {items => (
        <ul>
          {items.map(i => (
            <li key={i}>{i}</li>
          ))}
        </ul>
      )}
    </CursorListView>,
  );
}

describe('CursorListView', () => {
  it('shows progress while the first page loads, and nothing else', async () => {
    await view(listOf({ loading: true }));
    expect(screen.getByTestId('progress')).toBeInTheDocument();
    expect(screen.queryByText('A notice')).not.toBeInTheDocument();
  });

  it('shows only the error when nothing could be loaded', async () => {
    await view(listOf({ error: new Error('backend down') }));
    expect(screen.getByText('Error: backend down')).toBeInTheDocument();
    expect(screen.queryByText('Nothing yet')).not.toBeInTheDocument();
  });

  it('shows the notice and the empty state with its action, without the header', async () => {
    await view(listOf({}));
    expect(screen.getByText('A notice')).toBeInTheDocument();
    expect(screen.getByText('Nothing yet')).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Do it' })).toBeInTheDocument();
    expect(screen.queryByText('The header')).not.toBeInTheDocument();
  });

  it('shows notice, header, the error of a further page and the items', async () => {
    await view(
      listOf({ items: ['a', 'b'], error: new Error('page 2 failed') }),
    );
    expect(screen.getByText('A notice')).toBeInTheDocument();
    expect(screen.getByText('The header')).toBeInTheDocument();
    expect(screen.getByText('Error: page 2 failed')).toBeInTheDocument();
    expect(screen.getAllByRole('listitem').map(li => li.textContent)).toEqual([
      'a',
      'b',
    ]);
  });
});
