import { describeDemoData, describePurge, hasDemoData, removedAnything, DemoDataInProductionError, DEMO_SEED_MARKERS, type DemoPurgeReport } from './demo-data';
import { DEMO_PURGE_COMMAND, isDemoSecret } from './demo-credentials';
import { DEMO_PASSWORD_CITIZEN, DEMO_PASSWORD_STAFF } from '../identity/demo-accounts';
import { DEMO_PARTNER } from '../partners/partners.seed';
import { passwordProblem } from '../identity/passwords';

const none = { demoAccounts: 0, demoPasswordAccounts: 0, demoPartnerClients: [], sampleDataMarkers: [] };
const emptyReport: DemoPurgeReport = {
  staffAccounts: 0,
  citizenAccounts: 0,
  sessions: 0,
  apiTokens: 0,
  drafts: 0,
  demoPasswordAccountsLocked: 0,
  partnerClients: [],
  partnerTokens: 0,
  dossiers: 0,
  dossierEvents: 0,
  files: 0,
  markers: [],
  rollupsRebuilt: false,
  storageKeys: [],
};

describe('demo secrets', () => {
  it.each([DEMO_PASSWORD_STAFF, DEMO_PASSWORD_CITIZEN, DEMO_PARTNER.clientSecret, ` ${DEMO_PASSWORD_STAFF} `])('%p is a demo secret', (s) => {
    expect(isDemoSecret(s)).toBe(true);
  });
  it.each(['MotCua@2027', 'motcua@2026', 'matkhau2026', '', undefined, 42])('%p is not', (s) => {
    expect(isDemoSecret(s)).toBe(false);
  });
  it('a demo password is refused as a new password, with a Vietnamese reason', () => {
    expect(passwordProblem(DEMO_PASSWORD_STAFF)).toMatch(/mật khẩu dùng thử công khai/);
    expect(passwordProblem(DEMO_PASSWORD_CITIZEN)).toMatch(/mật khẩu dùng thử công khai/);
    expect(passwordProblem('matkhau2026')).toBeNull();
  });
});

describe('demo data findings', () => {
  it('nothing found → no demo data, no lines', () => {
    expect(hasDemoData(none)).toBe(false);
    expect(describeDemoData(none)).toEqual([]);
  });
  it.each([
    [{ demoAccounts: 3 }, '3 tài khoản demo (users.demo)'],
    [{ demoPasswordAccounts: 2 }, '2 tài khoản khác dùng mật khẩu demo công khai'],
    [{ demoPartnerClients: ['lgsp-demo', 'x'] }, 'ứng dụng đối tác demo: lgsp-demo, x'],
    [{ sampleDataMarkers: ['bulk-sample-dossiers'] }, 'dữ liệu mẫu demo (seed_runs): bulk-sample-dossiers'],
  ])('each kind alone counts: %p', (partial, line) => {
    const f = { ...none, ...partial };
    expect(hasDemoData(f)).toBe(true);
    expect(describeDemoData(f)).toEqual([line]);
  });
  it('the refusal names everything found and the purge command', () => {
    const err = new DemoDataInProductionError({ demoAccounts: 870, demoPasswordAccounts: 1, demoPartnerClients: ['lgsp-demo'], sampleDataMarkers: ['identity-demo-accounts'] });
    expect(err.message).toContain('870 tài khoản demo');
    expect(err.message).toContain('lgsp-demo');
    expect(err.message).toContain(DEMO_PURGE_COMMAND);
    expect(DEMO_PURGE_COMMAND).toBe('npm run demo:purge');
  });
  it('the markers are the demo-only seeds and the bulk generator', () => {
    expect([...DEMO_SEED_MARKERS].sort()).toEqual(['bulk-sample-dossiers', 'demo-sample-dossiers', 'identity-demo-accounts', 'partners-demo-client']);
  });
});

describe('purge report', () => {
  it('an empty purge says there was nothing to remove', () => {
    expect(removedAnything(emptyReport)).toBe(false);
    expect(describePurge(emptyReport)).toEqual(['Không còn dữ liệu demo: không có gì để xóa.']);
  });
  it('lists what was removed', () => {
    const r = { ...emptyReport, staffAccounts: 865, citizenAccounts: 5, sessions: 2, apiTokens: 3, partnerClients: ['lgsp-demo'], partnerTokens: 1, dossiers: 20235, dossierEvents: 60000, files: 4, rollupsRebuilt: true, markers: ['identity-demo-accounts'] };
    expect(removedAnything(r)).toBe(true);
    expect(describePurge(r)).toEqual([
      '870 tài khoản demo (865 cán bộ, 5 công dân)',
      '2 phiên đăng nhập và 3 mã truy cập API của các tài khoản đó',
      'ứng dụng đối tác demo lgsp-demo và 1 mã truy cập của nó',
      '20235 hồ sơ mẫu (tổng hợp hoặc của công dân demo), 60000 sự kiện, 4 tệp',
      'đã tính lại bảng tổng hợp báo cáo và mức độ hài lòng',
      'dấu dữ liệu mẫu (seed_runs): identity-demo-accounts',
    ]);
  });
  it('a lone marker or a locked account is something removed', () => {
    expect(removedAnything({ ...emptyReport, markers: ['partners-demo-client'] })).toBe(true);
    expect(removedAnything({ ...emptyReport, demoPasswordAccountsLocked: 1 })).toBe(true);
  });
});
