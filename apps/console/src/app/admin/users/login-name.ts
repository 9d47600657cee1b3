/**
 * A login as the page's messages name it: "Sam Park — Managers" (display name — user type), since
 * one email may hold logins of several user types.
 */
export function loginName(login: { displayName: string; userTypeName: string }): string {
  return `${login.displayName} — ${login.userTypeName}`;
}
