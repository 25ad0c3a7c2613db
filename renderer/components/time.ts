// Renderer. Timestamps from the main process are ISO UTC; the clerk reads them in the PC's local time.
import dayjs from 'dayjs';

export function formatTime(iso: string): string {
  const d = dayjs(iso);
  return d.isValid() ? d.format('YYYY-MM-DD HH:mm:ss') : iso;
}
