/** One field's problems in a 400 answer. */
export interface FieldError {
  field: string;
  messages: string[];
}

/** The body of every error answer. `errors` is present on validation failures (400). */
export interface ApiErrorBody {
  statusCode: number;
  error: string;
  message: string;
  errors?: FieldError[];
}

export interface HealthAnswer {
  status: 'ok' | 'error';
  database: 'up' | 'down';
}
