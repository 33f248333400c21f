/**
 * The one error type for a refusal the domain makes (an entry not found, a case step not
 * allowed, a minor pushed …): every such class extends AppError and names a stable `code`.
 * Route handlers translate it to an API error in one place (apiErrorFrom, domain/http/api.ts);
 * anything else that is thrown is a fault, not a refusal, and is left to propagate.
 */
export abstract class AppError extends Error {
  abstract readonly code: string;

  /** Whether the refusal means "not yours to act on" (another court's entry …): answered like a missing capability. */
  deniesAccess(): boolean {
    return false;
  }

  constructor(message?: string) {
    super(message);
    this.name = new.target.name;
  }
}
