// Main process. An append-only log file that rolls over by size: app.log, app.1.log … app.<keep>.log.
import { appendFileSync, mkdirSync, renameSync, rmSync, statSync } from 'node:fs';
import path from 'node:path';

export interface RotatingFileOptions {
  readonly dir: string;
  /** File name stem: `app` gives app.log, app.1.log, … */
  readonly name: string;
  readonly maxBytes: number;
  /** How many rolled files to keep besides the current one. */
  readonly keep: number;
}

function sizeOf(file: string): number {
  try {
    return statSync(file).size;
  } catch (error) {
    if ((error as { code?: unknown }).code === 'ENOENT') return 0;
    throw error;
  }
}

export class RotatingFile {
  readonly #options: RotatingFileOptions;
  #size: number;

  constructor(options: RotatingFileOptions) {
    this.#options = options;
    mkdirSync(options.dir, { recursive: true });
    this.#size = sizeOf(this.fileAt(0));
  }

  /** 0 is the live file; n is the n-th rolled file. */
  fileAt(index: number): string {
    const { dir, name } = this.#options;
    return path.join(dir, index === 0 ? `${name}.log` : `${name}.${index}.log`);
  }

  /** Synchronous on purpose: the last lines before a crash must reach the disk. */
  append(line: string): void {
    const bytes = Buffer.byteLength(line, 'utf8');
    if (this.#size > 0 && this.#size + bytes > this.#options.maxBytes) this.#rotate();
    appendFileSync(this.fileAt(0), line, 'utf8');
    this.#size += bytes;
  }

  #rotate(): void {
    const { keep } = this.#options;
    // The oldest file falls off; every other one moves up by one (with keep = 0 the live file just restarts).
    rmSync(this.fileAt(keep), { force: true });
    for (let i = keep - 1; i >= 0; i -= 1) {
      try {
        renameSync(this.fileAt(i), this.fileAt(i + 1));
      } catch (error) {
        if ((error as { code?: unknown }).code !== 'ENOENT') throw error;
      }
    }
    this.#size = 0;
  }
}
