// Renderer. Timestamps from the main process are ISO UTC; the clerk reads them in Beijing time (the platforms'
// own and the exports'), whatever zone the PC is set to, and the column headers say so.
import { formatBeijing } from '../../shared/domain/beijing-time';

export function formatTime(iso: string): string {
  return formatBeijing(iso);
}
