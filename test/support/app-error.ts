// Test support (Node). The AppError a promise rejects with; anything else (a value, another error) fails the test.
import { AppError } from '../../shared/errors';

export async function appErrorOf(p: Promise<unknown>): Promise<AppError> {
  try {
    await p;
  } catch (e) {
    if (e instanceof AppError) return e;
    throw e;
  }
  throw new Error('expected an AppError');
}
