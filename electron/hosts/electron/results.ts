// Main process. The one error shape the Electron host itself produces (everything else comes from hosts/invoke.ts).
import { AppError, type AppErrorShape } from '../../../shared/errors';

export function forbiddenSenderError(channel: string): AppErrorShape {
  return new AppError('forbidden', {
    zh: `请求 ${channel} 不是来自本应用的页面，已拒绝`,
    en: `The call to ${channel} did not come from the app's own page and was refused`,
  }).toShape();
}
