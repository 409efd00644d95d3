/** The roles the API knows; every one of them is staff. */
export const API_ROLES = ['agent', 'supervisor', 'auditor'] as const;
export type ApiRole = (typeof API_ROLES)[number];

/** Who is calling, as the edge authenticated them: the subject is the actor recorded in audit events. */
export interface Actor {
  readonly sub: string;
  readonly email?: string;
  readonly roles: readonly ApiRole[];
}
