import type { Session } from 'electron';

/**
 * jpki-doctor's page needs no web permission at all (no camera, notifications,
 * clipboard reads, HID/USB/serial or smart-card web APIs: the card is read by
 * the main process over PC/SC). So every request is refused, and every check
 * (which Chromium asks without prompting, e.g. before showing a device list)
 * answers "not granted" as well.
 */
export function denyAllPermissions(
  session: Pick<Session, 'setPermissionRequestHandler' | 'setPermissionCheckHandler' | 'setDevicePermissionHandler'>,
): void {
  session.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  session.setPermissionCheckHandler(() => false);
  session.setDevicePermissionHandler(() => false);
}
