import { ApplicationKind, ApplicationView, UserTypeView } from '@latchkey/contracts';

/** A kind's name, in the list and the dialog. */
export const KIND_LABELS: Readonly<Record<ApplicationKind, string>> = {
  public: 'Public (PKCE)',
  confidential: 'Confidential',
};

/** A kind in one line, beside its choice when registering. */
export const KIND_HINTS: Readonly<Record<ApplicationKind, string>> = {
  confidential: 'A server-side web app that can keep a secret: it gets a client secret, shown once.',
  public: 'A single-page or mobile app that cannot keep a secret: it signs in with PKCE, without a secret.',
};

/** The kinds in the order the dialog offers them. */
export const KIND_CHOICES: readonly ApplicationKind[] = ['confidential', 'public'];

/**
 * The user types an application lets sign in, by name: "All user types", or the names of the
 * chosen ones (an id the account no longer has reads "a removed user type").
 */
export function allowedTypesText(
  app: Pick<ApplicationView, 'allowedUserTypeIds'>,
  types: UserTypeView[],
): string {
  const ids = app.allowedUserTypeIds;
  if (ids === null) {
    return 'All user types';
  }
  if (ids.length === 0) {
    return 'No user type';
  }
  return ids.map((id) => types.find((type) => type.id === id)?.name ?? 'a removed user type').join(', ');
}
