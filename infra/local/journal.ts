import { existsSync, readFileSync } from 'node:fs';

/**
 * What one of the local emulators' append-only journals holds (one JSON value per line), in order. A last line cut
 * by a crash (its write never finished) is left out.
 */
export function readJournal<T>(file: string): T[] {
  if (!existsSync(file)) return [];
  const lines: T[] = [];
  for (const line of readFileSync(file, 'utf8').split('\n')) {
    if (!line) continue;
    try {
      lines.push(JSON.parse(line) as T);
    } catch {
      break;
    }
  }
  return lines;
}
