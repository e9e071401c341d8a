import { Inject, Injectable } from '@nestjs/common';
import { DossierRepository } from '../dossiers/dossier.repository';
import type { EntityManager } from 'typeorm';
import { APP_CONFIG, type AppConfig } from '../config/app-config';
import type { DossierStatusChanged } from '../dossiers/dossier-messages';
import { TOPIC_EMAIL, TOPIC_SMS } from './topics';
import type { OutboxEntry } from '../outbox/outbox.service';
import { renderTemplate, TEMPLATE_AUDIENCE, type TemplateKey } from './templates';

export interface Recipient {
  userId: string | null;
  name: string;
  email: string | null;
  phone: string | null;
}

/** The frozen content of one email/SMS delivery (outbox payload of notify.email / notify.sms). */
export interface NotificationPayload {
  template: TemplateKey;
  dossierCode: string;
  recipientUserId: string | null;
  to: string;
  subject?: string;
  text: string;
}

interface DossierFacts {
  code: string;
  procedureName: string;
  agencyName: string;
  agencyCode: string;
  applicantUserId: string | null;
  applicantName: string;
  assigneeUserId: string | null;
  data: Record<string, unknown>;
  dueAt: Date | null;
  reason: string | null;
}

/**
 * Turns a dossier event (or a due-soon reminder) into per-recipient, per-channel outbox
 * deliveries, each with its own idempotency key: one receiver down never re-sends to another.
 */
@Injectable()
export class NotificationPlanner {
  private provinceName: string | null = null;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly dossiers: DossierRepository,
  ) {}

  async forEvent(manager: EntityManager, e: DossierStatusChanged, templates: TemplateKey[]): Promise<OutboxEntry[]> {
    if (!templates.length) return [];
    const facts = await this.facts(manager, e.code, e.eventId);
    if (!facts) return [];
    const out: OutboxEntry[] = [];
    for (const template of templates) {
      const recipients =
        TEMPLATE_AUDIENCE[template] === 'CITIZEN'
          ? await this.citizen(manager, e.applicantUserId ?? facts.applicantUserId, facts)
          : await this.staff(manager, facts.assigneeUserId ? [facts.assigneeUserId] : []);
      for (const r of recipients) {
        out.push(...(await this.entries(manager, template, `${template}:${e.eventId}`, r, facts, e.at, e.dueAt ?? facts.dueAt?.toISOString() ?? null)));
      }
    }
    return out;
  }

  /** Reminder to the assignee (or the agency's clerks) that a dossier is due soon — one per due time. */
  async dueSoon(manager: EntityManager, code: string, dueAt: Date): Promise<OutboxEntry[]> {
    const facts = await this.facts(manager, code, null);
    if (!facts) return [];
    let ids = facts.assigneeUserId ? [facts.assigneeUserId] : [];
    if (!ids.length) {
      const rows: { id: string }[] = await manager.query(
        `SELECT id FROM users WHERE agency_code = $1 AND role IN ('CLERK', 'LEADER') AND NOT disabled ORDER BY username LIMIT 5`,
        [facts.agencyCode],
      );
      ids = rows.map((r) => r.id);
    }
    const out: OutboxEntry[] = [];
    for (const r of await this.staff(manager, ids)) {
      out.push(...(await this.entries(manager, 'due-soon', `due-soon:${code}:${dueAt.getTime()}`, r, facts, null, dueAt.toISOString())));
    }
    return out;
  }

  private async entries(
    manager: EntityManager,
    template: TemplateKey,
    baseKey: string,
    r: Recipient,
    facts: DossierFacts,
    at: string | null,
    dueAt: string | null,
  ): Promise<OutboxEntry[]> {
    const rendered = renderTemplate(template, {
      recipientName: r.name,
      code: facts.code,
      procedureName: facts.procedureName,
      agencyName: facts.agencyName,
      at,
      dueAt,
      reason: facts.reason,
      portalUrl: this.config.publicBaseUrl,
      provinceName: await this.province(manager),
    });
    const who = r.userId ?? 'applicant';
    const out: OutboxEntry[] = [];
    const base = { template, dossierCode: facts.code, recipientUserId: r.userId };
    if (r.email) {
      const payload: NotificationPayload = { ...base, to: r.email, subject: rendered.subject, text: rendered.text };
      out.push({ topic: TOPIC_EMAIL, aggregateId: facts.code, idempotencyKey: `email:${baseKey}:${who}`, payload: { ...payload } });
    }
    if (r.phone) {
      const payload: NotificationPayload = { ...base, to: r.phone, text: rendered.sms };
      out.push({ topic: TOPIC_SMS, aggregateId: facts.code, idempotencyKey: `sms:${baseKey}:${who}`, payload: { ...payload } });
    }
    return out;
  }

  private async facts(manager: EntityManager, code: string, eventId: string | null): Promise<DossierFacts | null> {
    const d = await this.dossiers.findByCode(code, manager);
    if (!d) return null;
    // The event's reason (supplement request, apology) belongs in the message.
    const reason = eventId && /^\d{1,18}$/.test(eventId) ? ((await this.dossiers.eventById(eventId, manager))?.reason ?? null) : null;
    return {
      code: d.code,
      procedureName: d.procedureName ?? '',
      agencyName: d.agencyName ?? '',
      agencyCode: d.agencyCode,
      applicantUserId: d.applicantUserId,
      applicantName: d.applicantName,
      assigneeUserId: d.assigneeUserId,
      data: d.data,
      dueAt: d.dueAt,
      reason,
    };
  }

  private async citizen(manager: EntityManager, userId: string | null, facts: DossierFacts): Promise<Recipient[]> {
    if (userId) {
      const [u] = await manager.query(`SELECT id, full_name, email, phone FROM users WHERE id = $1`, [userId]);
      if (u) return [{ userId: u.id, name: u.full_name, email: u.email, phone: u.phone }];
    }
    // Paper dossiers received at the counter: contact details from the form, when given.
    const email = typeof facts.data.email === 'string' ? facts.data.email : null;
    const phone = typeof facts.data.phone === 'string' ? facts.data.phone : null;
    return email || phone ? [{ userId: null, name: facts.applicantName, email, phone }] : [];
  }

  private async staff(manager: EntityManager, ids: string[]): Promise<Recipient[]> {
    if (!ids.length) return [];
    const rows: { id: string; full_name: string; email: string | null; phone: string | null }[] = await manager.query(
      `SELECT id, full_name, email, phone FROM users WHERE id = ANY($1::uuid[])`,
      [ids],
    );
    return rows.map((u) => ({ userId: u.id, name: u.full_name, email: u.email, phone: u.phone }));
  }

  private async province(manager: EntityManager): Promise<string> {
    if (this.provinceName === null) {
      const [u] = await manager.query(`SELECT name FROM administrative_units WHERE code = $1`, [this.config.provinceCode]);
      this.provinceName = u?.name ?? '';
    }
    return this.provinceName!;
  }
}
