/**
 * The one door to the staff API: same-origin JSON requests carrying the session cookie, answers
 * checked against the shared schemas, and every failure turned into an `ApiError` that holds
 * the server's problem details for the page to show.
 */
import * as z from 'zod/mini';
import { Problem, type FieldError } from '../../../shared/problem.ts';

export class ApiError extends Error {
  readonly status: number;
  readonly detail: string | undefined;
  readonly errors: FieldError[];
  /** The problem's `type` (`urn:rebound:problem:<slug>`), when the server sent one. */
  readonly type: string | undefined;
  constructor(status: number, title: string, detail?: string, errors: FieldError[] = [], type?: string) {
    super(detail ?? title);
    this.name = 'ApiError';
    this.status = status;
    this.detail = detail;
    this.errors = errors;
    this.type = type;
  }
}

type Query = Record<string, string | number | undefined | null>;

/** Builds `path?query` leaving out empty values, so an unset filter is not sent as `kind=`. */
export function withQuery(path: string, query: Query = {}): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value !== undefined && value !== null && value !== '') params.set(key, String(value));
  }
  const qs = params.toString();
  return qs ? `${path}?${qs}` : path;
}

async function problemOf(res: Response): Promise<ApiError> {
  let body: unknown = null;
  try {
    body = await res.json();
  } catch {
    // Not JSON (a proxy's error page, say): the status line is all there is to show.
  }
  const parsed = Problem.safeParse(body);
  if (parsed.success) return new ApiError(res.status, parsed.data.title, parsed.data.detail, parsed.data.errors ?? [], parsed.data.type);
  return new ApiError(res.status, res.statusText || `HTTP ${res.status}`);
}

export interface RequestOptions {
  method?: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  body?: unknown;
  /** A CSV file (or its text) sent as `text/csv` instead of a JSON body. */
  csv?: Blob | string;
  signal?: AbortSignal;
}

/** Sends a request and returns the raw response once it is a success. */
export async function send(path: string, options: RequestOptions = {}): Promise<Response> {
  const init: RequestInit = {
    method: options.method ?? 'GET',
    credentials: 'same-origin',
    headers: { accept: 'application/json' },
    signal: options.signal ?? null,
  };
  if (options.body !== undefined) {
    init.headers = { accept: 'application/json', 'content-type': 'application/json' };
    init.body = JSON.stringify(options.body);
  } else if (options.csv !== undefined) {
    init.headers = { accept: 'application/json', 'content-type': 'text/csv; charset=utf-8' };
    init.body = options.csv;
  }
  let res: Response;
  try {
    res = await fetch(path, init);
  } catch (err) {
    if (err instanceof DOMException && err.name === 'AbortError') throw err;
    throw new ApiError(0, 'network', 'The server could not be reached.');
  }
  if (!res.ok) throw await problemOf(res);
  return res;
}

/** Sends a request and parses the JSON answer with `schema`. */
export async function request<S extends z.ZodMiniType>(schema: S, path: string, options: RequestOptions = {}): Promise<z.infer<S>> {
  const res = await send(path, options);
  const parsed = schema.safeParse(await res.json());
  if (!parsed.success) throw new ApiError(res.status, 'unexpected-answer', 'The server answered in an unexpected shape.', [], 'urn:rebound:problem:unexpected-answer');
  return parsed.data;
}
