/** Where in a source file a problem was found. Rows are 1-based physical records, header = row 1. */
export interface SourceLocation {
  readonly file?: string;
  readonly row?: number;
  readonly column?: string;
}

export type ErrorCode =
  | 'file_not_found'
  | 'empty_file'
  | 'header_only'
  | 'not_text'
  | 'bad_encoding'
  | 'wrong_delimiter'
  | 'ragged_row'
  | 'field_too_large'
  | 'no_id_column'
  | 'duplicate_id'
  | 'bad_value'
  | 'bad_config'
  | 'bad_option'
  | 'not_found'
  | 'forbidden'
  | 'shape_mismatch'
  | 'unsupported_format'
  | 'home_locked'
  | 'upstream_error'
  | 'job_limit'
  | 'cancelled'
  | 'internal';

/** An error a user can act on: a code for machines and a message naming file, row and column. */
export class PersonaError extends Error {
  readonly code: ErrorCode;
  readonly location: SourceLocation;

  constructor(code: ErrorCode, message: string, location: SourceLocation = {}) {
    super(formatMessage(message, location));
    this.name = 'PersonaError';
    this.code = code;
    this.location = location;
  }

  toJSON(): { code: ErrorCode; message: string; file?: string; row?: number; column?: string } {
    return { code: this.code, message: this.message, ...this.location };
  }
}

function formatMessage(message: string, loc: SourceLocation): string {
  const parts: string[] = [];
  if (loc.file) parts.push(loc.file);
  if (loc.row !== undefined) parts.push(`row ${loc.row}`);
  if (loc.column !== undefined) parts.push(`column "${loc.column}"`);
  return parts.length ? `${parts.join(', ')}: ${message}` : message;
}

export function isPersonaError(err: unknown): err is PersonaError {
  return err instanceof PersonaError;
}

/** Any thrown value as a plain message, for logs and stored failure reasons. */
export function errorMessage(err: unknown): string {
  if (err instanceof Error) return err.message;
  return String(err);
}
