import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { nextDossierCode } from './dossier-code';

/** `next(manager, agencyCode, at)`: the next code, taken inside the caller's transaction (see dossier-code.ts). */
@Injectable()
export class DossierCodeService {
  next(manager: EntityManager, agencyCode: string, at: Date): Promise<string> {
    return nextDossierCode(manager, agencyCode, at);
  }
}
