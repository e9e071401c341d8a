import type { Request } from 'express';
import type { Role } from './user.entity';
import { STAFF_ROLES, type User } from './user.entity';

export type { Role } from './user.entity';

/** Who is asking: set on `req.user` by the identity middleware from a bearer token or the session. */
export interface AuthUser {
  id: string;
  username: string;
  role: Role;
  /** Staff only: the one agency the account belongs to. */
  agencyCode: string | null;
  /** Citizens only. */
  personalId: string | null;
  fullName: string;
  isStaff: boolean;
}

export function toAuthUser(u: Pick<User, 'id' | 'username' | 'role' | 'agencyCode' | 'personalId' | 'fullName'>): AuthUser {
  return {
    id: u.id,
    username: u.username,
    role: u.role,
    agencyCode: u.agencyCode,
    personalId: u.personalId,
    fullName: u.fullName,
    isStaff: STAFF_ROLES.includes(u.role),
  };
}

/** How the request was authenticated (bearer requests are exempt from CSRF checks). */
export type AuthMethod = 'bearer' | 'session';

export interface IdentityRequest extends Request {
  user?: AuthUser;
  authMethod?: AuthMethod;
  /** A bearer token was sent but is unknown, expired or revoked. */
  invalidBearer?: boolean;
  /** The raw bearer token (to revoke it at logout). */
  bearerToken?: string;
  /** A multipart form post: its CSRF token is checked by the upload parser once the body is read. */
  csrfDeferred?: boolean;
}

export function requestUser(req: Request): AuthUser | undefined {
  return (req as IdentityRequest).user;
}
