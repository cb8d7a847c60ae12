import { ResponseError } from '@backstage/errors';
import { errorMessage } from './errorMessage';

describe('errorMessage', () => {
  it("prefers the server's message over the HTTP status line", async () => {
    const response = new Response(
      JSON.stringify({
        error: { name: 'ConflictError', message: 'Version 1.0 exists' },
        request: { method: 'POST', url: '/releases' },
        response: { statusCode: 409 },
      }),
      {
        status: 409,
        statusText: 'Conflict',
        headers: { 'Content-Type': 'application/json' },
      },
    );
    const error = await ResponseError.fromResponse(response);
    expect(errorMessage(error)).toBe('Version 1.0 exists');
    expect(errorMessage(new Error('offline'))).toBe('offline');
  });
});
