import { Injectable, NotFoundException } from '@nestjs/common';
import { Clock } from '../common/clock';
import { DossierRepository } from '../dossiers/dossier.repository';
import { CatalogService } from '../catalog/catalog.service';
import type { Procedure } from '../catalog/procedure.entity';
import type { AuthUser } from '../identity/auth-user';
import type { RegistryPerson } from '../registry/population-registry';
import { RegistryClient, RegistryUnavailableError } from '../registry/registry.client';
import { computePrefill, type PrefilledValue } from './prefill';
import { apiInstant } from '../common/api-json';

export interface DocumentPrefill {
  value: string[];
  source: 'DOCUMENT_STORE';
  files: { id: string; name: string; createdAt: string }[];
}

export interface PrefillResult {
  fields: Record<string, PrefilledValue>;
  /** Earlier files the citizen attached for the same document key (document store). */
  documents: Record<string, DocumentPrefill>;
  registryAvailable: boolean;
  person: RegistryPerson | null;
}

/** Gathers what the state already knows about a citizen for one procedure's form. */
@Injectable()
export class PrefillService {
  constructor(
    private readonly catalog: CatalogService,
    private readonly registry: RegistryClient,
    private readonly dossiers: DossierRepository,
    private readonly clock: Clock,
  ) {}

  async forProcedureCode(user: AuthUser, code: string): Promise<PrefillResult> {
    const proc = await this.catalog.findCurrent(code);
    if (!proc) throw new NotFoundException('Không tìm thấy thủ tục hành chính');
    return this.forProcedure(user, proc, { tolerateRegistryOutage: true });
  }

  /**
   * The registry is asked on every call (not cached): locked values must be current. When it is
   * down, the form still opens with history values (`registryAvailable: false`) unless the caller
   * needs the registry (submission re-check), in which case the 503 propagates.
   */
  async forProcedure(
    user: { id: string | null; personalId: string | null },
    proc: Procedure,
    opts: { tolerateRegistryOutage: boolean; person?: RegistryPerson | null },
  ): Promise<PrefillResult> {
    const now = this.clock.now();
    let registryAvailable = true;
    const personP: Promise<RegistryPerson | null> =
      opts.person !== undefined || !user.personalId
        ? Promise.resolve(opts.person ?? null)
        : this.registry.lookup(user.personalId).catch((err) => {
            if (!(err instanceof RegistryUnavailableError) || !opts.tolerateRegistryOutage) throw err;
            registryAvailable = false;
            return null;
          });
    // The registry and the citizen's own history are asked at the same time.
    const [person, own] = await Promise.all([personP, user.id ? this.ownHistory(user.id, proc) : Promise.resolve(null)]);
    const fields = computePrefill(proc.form.fields, {
      registry: person,
      account: own?.account ?? null,
      history: own?.history ?? {},
      fetchedAt: now,
    });
    return { fields, documents: own?.documents ?? {}, registryAvailable, person };
  }

  /**
   * In one round trip: the latest value per field key over the citizen's 50 latest dossiers, the
   * contact data of the account, and per document key the file attached last time.
   */
  private async ownHistory(
    userId: string,
    proc: Procedure,
  ): Promise<{ history: Record<string, unknown>; account: { phone: string | null; email: string | null; fullName: string | null } | null; documents: Record<string, DocumentPrefill> }> {
    const row = await this.dossiers.citizenHistory(userId, proc.documents.map((d) => d.key));
    const documents: Record<string, DocumentPrefill> = {};
    for (const r of (row?.docs ?? []) as { document_key: string; id: string; name: string; created_at: string }[]) {
      documents[r.document_key] = {
        value: [r.id],
        source: 'DOCUMENT_STORE',
        files: [{ id: r.id, name: r.name, createdAt: apiInstant(r.created_at)! }],
      };
    }
    return { history: row?.history ?? {}, account: row?.account ?? null, documents };
  }
}
