/**
 * Who did something, as the audit logs record it. A structural type (the signed-in `AuthUser`
 * of identity fits it), so that the audit logs sit below identity and every module can write them.
 */
export interface AuditActor {
  id: string;
  username: string;
  role: string;
  agencyCode: string | null;
  fullName: string;
  isStaff: boolean;
}

/** The account fields a security event carries (never personal data). */
export function securityActor(actor: AuditActor | null | undefined): Pick<AuditActor, 'id' | 'username' | 'role' | 'agencyCode'> | null {
  return actor ? { id: actor.id, username: actor.username, role: actor.role, agencyCode: actor.agencyCode } : null;
}
