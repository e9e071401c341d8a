import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { DEMO_PASSWORD_CITIZEN, DEMO_PASSWORD_STAFF } from './demo-accounts';

@Injectable()
export class DemoAccountsService {
  constructor(@InjectDataSource() private readonly ds: DataSource) {}

  async list() {
    const rows: { username: string; role: string; agency_code: string | null; personal_id: string | null; full_name: string; dob: string | null }[] =
      await this.ds.query(
        `SELECT username, role, agency_code, personal_id, full_name, to_char(date_of_birth, 'YYYY-MM-DD') AS dob
           FROM users WHERE demo = true ORDER BY role = 'CITIZEN' DESC, agency_code, username`,
      );
    return {
      staff: rows
        .filter((r) => r.role !== 'CITIZEN')
        .map((r) => ({ username: r.username, password: DEMO_PASSWORD_STAFF, role: r.role, agencyCode: r.agency_code, fullName: r.full_name })),
      citizens: rows
        .filter((r) => r.role === 'CITIZEN')
        .map((r) => ({ username: r.username, password: DEMO_PASSWORD_CITIZEN, personalId: r.personal_id, fullName: r.full_name, dateOfBirth: r.dob })),
    };
  }
}
