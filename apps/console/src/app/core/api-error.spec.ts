import { HttpErrorResponse, HttpHeaders } from '@angular/common/http';
import { generalMessage, readApiError } from './api-error';

describe('readApiError', () => {
  it('reads the API error body and its field errors', () => {
    const problem = readApiError(
      new HttpErrorResponse({
        status: 400,
        error: {
          statusCode: 400,
          error: 'Bad Request',
          message: 'Invalid',
          errors: [{ field: 'email', messages: ['bad'] }],
        },
      }),
    );

    expect(problem).toEqual({
      status: 400,
      message: 'Invalid',
      errors: [{ field: 'email', messages: ['bad'] }],
      retryAfter: null,
    });
  });

  it('reads Retry-After in seconds', () => {
    const problem = readApiError(
      new HttpErrorResponse({ status: 429, headers: new HttpHeaders({ 'Retry-After': '30' }), error: null }),
    );

    expect(problem.retryAfter).toBe(30);
    expect(generalMessage(problem)).toBe('Too many attempts. Please wait 30 seconds and try again.');
  });

  it('copes with a body that is not the API format', () => {
    const problem = readApiError(new HttpErrorResponse({ status: 502, error: '<html>Bad gateway</html>' }));

    expect(problem.message).toBeNull();
    expect(generalMessage(problem)).toBe('Something went wrong on our side. Please try again.');
  });

  it('treats anything else as unreachable', () => {
    expect(generalMessage(readApiError(new Error('boom')))).toContain('cannot be reached');
  });
});
