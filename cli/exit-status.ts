/**
 * A command that printed its result but failed (a stored run that failed, a question that errored in
 * `persona chat`) reports it here; `main` turns it into a non-zero exit code. Kept apart from
 * `process.exitCode` because the bin script sets that from main's return value.
 */
let failed = false;

export function markCommandFailed(): void {
  failed = true;
}

/** Reads and clears the flag (one CLI invocation per call of `main`). */
export function takeCommandFailed(): boolean {
  const was = failed;
  failed = false;
  return was;
}
