import { render, screen } from '@testing-library/react';
import { HomePage } from './HomePage';

describe('the demo home page', () => {
  it('lays the widgets out by their default width, full width without one', () => {
    const widgets = [
      { name: 'a', columns: 6 },
      { name: 'b', columns: undefined },
    ].map(({ name, columns }) => ({
      node: { spec: { id: `home-page-widget:${name}` } } as any,
      component: <p>{name} body</p>,
      name,
      layout: columns ? { width: { defaultColumns: columns } } : undefined,
    }));
    render(<HomePage widgets={widgets} />);
    expect(screen.getByText('a body').parentElement).toHaveClass(
      'MuiGrid-grid-lg-6',
    );
    expect(screen.getByText('b body').parentElement).toHaveClass(
      'MuiGrid-grid-lg-12',
    );
  });

  it('says so when no widget is installed', () => {
    render(<HomePage widgets={[]} />);
    expect(
      screen.getByText('No home page cards installed'),
    ).toBeInTheDocument();
  });
});
