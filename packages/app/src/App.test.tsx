import { render, screen } from '@testing-library/react';
import App from './App';

describe('App', () => {
  it('starts and asks the visitor to sign in as a guest', async () => {
    process.env = {
      NODE_ENV: 'test',
      APP_CONFIG: [
        {
          data: {
            app: { title: 'Test', baseUrl: 'http://localhost:3000' },
            backend: { baseUrl: 'http://localhost:7007' },
          },
          context: 'test',
        },
      ] as any,
    };
    render(App.createRoot());
    expect(
      await screen.findByText('Enter', {}, { timeout: 15000 }),
    ).toBeInTheDocument();
  });
});
