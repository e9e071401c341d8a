/** Outbox topic of the national-portal sync (one message per status change). */
export const TOPIC_NATIONAL_PORTAL = 'national-portal.sync';
