// Main process. The app needs no browser permission (camera, notifications, clipboard-read, …): deny them all.
import type { Session } from 'electron';

export function denyAllPermissions(session: Pick<Session, 'setPermissionRequestHandler' | 'setPermissionCheckHandler' | 'setDevicePermissionHandler'>): void {
  session.setPermissionRequestHandler(function denyPermissionRequest(_contents, _permission, callback) {
    callback(false);
  });
  session.setPermissionCheckHandler(function denyPermissionCheck() {
    return false;
  });
  session.setDevicePermissionHandler(function denyDevicePermission() {
    return false;
  });
}
