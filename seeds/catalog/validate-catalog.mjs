#!/usr/bin/env node
// Validates seeds/catalog/procedures.json. Usage: node seeds/catalog/validate-catalog.mjs [file]
import fs from 'node:fs';
import path from 'node:path';

const FILE = path.resolve(process.argv[2] || 'seeds/catalog/procedures.json');
const LEVELS = ['PROVINCE', 'DISTRICT', 'COMMUNE'];
const KINDS = {
  PROVINCE: ['PEOPLES_COMMITTEE', 'JUSTICE', 'PLANNING_INVESTMENT', 'CONSTRUCTION', 'NATURAL_RESOURCES', 'TRANSPORT', 'LABOUR', 'HEALTH', 'EDUCATION', 'INDUSTRY_TRADE', 'FINANCE', 'AGRICULTURE', 'CULTURE', 'HOME_AFFAIRS', 'POLICE', 'SOCIAL_INSURANCE'],
  DISTRICT: ['PEOPLES_COMMITTEE', 'JUSTICE', 'FINANCE_PLANNING', 'ECONOMY_INFRASTRUCTURE', 'NATURAL_RESOURCES', 'LABOUR', 'EDUCATION', 'HEALTH', 'CULTURE', 'AGRICULTURE', 'POLICE', 'SOCIAL_INSURANCE'],
  COMMUNE: ['PEOPLES_COMMITTEE', 'JUSTICE', 'LAND_CONSTRUCTION', 'CULTURE_SOCIAL', 'POLICE'],
};
const FIELD_TYPES = ['text', 'textarea', 'date', 'number', 'select', 'checkbox', 'personalId', 'phone', 'email', 'unit'];
const ROLES = ['CLERK', 'SPECIALIST', 'LEADER'];
const UNITS = ['WORKING_DAY', 'WORKING_HOUR'];
const VI = /[àáảãạăắằẳẵặâấầẩẫậèéẻẽẹêếềểễệìíỉĩịòóỏõọôốồổỗộơớờởỡợùúủũụưứừửữựỳýỷỹỵđ]/i;
const SNAKE = /^[a-z][a-z0-9_]*$/;
const CAMEL = /^[a-zA-Z][a-zA-Z0-9_]*$/;
const SLUG = /^[a-z0-9]+(-[a-z0-9]+)*$/;
const CHILD_KEYS = ['childName', 'childDateOfBirth', 'childGender'];

const errors = [];
const err = (code, msg) => errors.push(`${code ? `[${code}] ` : ''}${msg}`);
const nonEmpty = (s) => typeof s === 'string' && s.trim().length > 0;

let list;
try {
  list = JSON.parse(fs.readFileSync(FILE, 'utf8'));
} catch (e) {
  console.error(`Cannot read ${FILE}: ${e.message}`);
  process.exit(1);
}
if (!Array.isArray(list)) { console.error('Catalog must be an array'); process.exit(1); }

if (list.length < 65 || list.length > 80) err('', `expected 65..80 procedures, got ${list.length}`);

const codes = new Set();
const perLevel = { PROVINCE: 0, DISTRICT: 0, COMMUNE: 0 };
const sectors = new Map();
const inter = [];
const bundle = [];

for (const p of list) {
  const c = p.code || '?';
  if (!/^\d+\.\d{6}$/.test(p.code || '')) err(c, 'code must look like a national code (e.g. 1.001193)');
  if (codes.has(p.code)) err(c, 'duplicate code');
  codes.add(p.code);
  if (!nonEmpty(p.name) || !VI.test(p.name)) err(c, 'name must be non-empty Vietnamese');
  if (!p.sector || !SLUG.test(p.sector.code || '') || !nonEmpty(p.sector.name)) err(c, 'sector must be {code: slug, name}');
  else {
    if (sectors.has(p.sector.code) && sectors.get(p.sector.code) !== p.sector.name) err(c, `sector code ${p.sector.code} used with two names`);
    sectors.set(p.sector.code, p.sector.name);
  }
  if (!LEVELS.includes(p.level)) err(c, `bad level ${p.level}`); else perLevel[p.level]++;
  if (!LEVELS.includes(p.receivingLevel)) err(c, `bad receivingLevel ${p.receivingLevel}`);
  if (p.receivingLevel !== p.level) {
    inter.push(p);
    if (LEVELS.indexOf(p.receivingLevel) <= LEVELS.indexOf(p.level)) err(c, 'receivingLevel must be lower than level for inter-level procedures');
  }
  if (!(KINDS[p.level] || []).includes(p.competentAgencyKind)) err(c, `competentAgencyKind ${p.competentAgencyKind} invalid for ${p.level}`);
  const t = p.processingTime || {};
  if (!(typeof t.value === 'number' && t.value > 0) || !UNITS.includes(t.unit)) err(c, 'processingTime must have value > 0 and valid unit');
  const fee = p.fee || {};
  if (!(Number.isInteger(fee.amount) && fee.amount >= 0) || !nonEmpty(fee.description)) err(c, 'fee must have integer amount >= 0 and description');
  if ('perCopy' in fee && typeof fee.perCopy !== 'boolean') err(c, 'fee.perCopy must be boolean');
  if ('exemptions' in fee && !nonEmpty(fee.exemptions)) err(c, 'fee.exemptions must be a non-empty string');
  if (p.requiresPrepayment !== (fee.amount > 0)) err(c, 'requiresPrepayment must equal fee.amount > 0');
  if (!Array.isArray(p.documents) || p.documents.length < 1 || p.documents.length > 5) err(c, 'documents must have 1..5 items');
  else {
    const dk = new Set();
    for (const d of p.documents) {
      if (!SNAKE.test(d.key || '')) err(c, `document key ${d.key} not snake_case`);
      if (dk.has(d.key)) err(c, `duplicate document key ${d.key}`);
      dk.add(d.key);
      if (!nonEmpty(d.name)) err(c, 'document without name');
      if (typeof d.required !== 'boolean') err(c, `document ${d.key} required must be boolean`);
    }
    if (!p.documents.some((d) => d.required)) err(c, 'at least one document must be required');
  }
  if (!['FULL', 'PARTIAL'].includes(p.onlineLevel)) err(c, 'onlineLevel must be FULL|PARTIAL');
  if (!nonEmpty(p.legalBasis)) err(c, 'legalBasis empty');
  if (!nonEmpty(p.result) || p.result.length > 200 || /Mã: KQ/.test(p.result)) err(c, 'result must be non-empty, <= 200 chars, without "Mã: KQ"');
  if (typeof p.allowsOnBehalf !== 'boolean') err(c, 'allowsOnBehalf must be boolean');
  if (!(Number.isInteger(p.popularity) && p.popularity >= 0 && p.popularity <= 100)) err(c, 'popularity must be integer 0..100');
  if ('bundle' in p) { if (p.bundle !== 'newborn') err(c, `unknown bundle ${p.bundle}`); else bundle.push(p); }

  // form
  const fields = p.form && p.form.fields;
  if (!Array.isArray(fields) || fields.length < 4 || fields.length > 10) err(c, `form must have 4..10 fields (got ${fields && fields.length})`);
  else {
    const fk = new Set();
    for (const fd of fields) {
      if (!CAMEL.test(fd.key || '')) err(c, `field key ${fd.key} invalid`);
      if (fk.has(fd.key)) err(c, `duplicate field key ${fd.key}`);
      fk.add(fd.key);
      if (!nonEmpty(fd.label)) err(c, `field ${fd.key} without label`);
      if (!FIELD_TYPES.includes(fd.type)) err(c, `field ${fd.key} bad type ${fd.type}`);
      if (typeof fd.required !== 'boolean') err(c, `field ${fd.key} required must be boolean`);
      if (fd.type === 'select') {
        if (!Array.isArray(fd.options) || fd.options.length < 1 || fd.options.some((o) => !nonEmpty(String(o.value ?? '')) || !nonEmpty(o.label))) err(c, `select field ${fd.key} needs options [{value,label}]`);
        else if (new Set(fd.options.map((o) => o.value)).size !== fd.options.length) err(c, `select field ${fd.key} has duplicate option values`);
      } else if ('options' in fd) err(c, `non-select field ${fd.key} has options`);
      const v = fd.validation;
      if (v) {
        if (v.min !== undefined && v.max !== undefined && v.min > v.max) err(c, `field ${fd.key} min > max`);
        if (v.minLength !== undefined && v.maxLength !== undefined && v.minLength > v.maxLength) err(c, `field ${fd.key} minLength > maxLength`);
        if (v.pattern) { try { new RegExp(v.pattern); } catch { err(c, `field ${fd.key} invalid pattern`); } }
        if (v.requiredIf && !fields.some((o) => o.key === v.requiredIf.field)) err(c, `field ${fd.key} requiredIf refers to unknown field`);
      }
      if ('subject' in fd && fd.subject !== true) err(c, `field ${fd.key} subject must be true when present`);
    }
  }

  // steps
  const steps = p.steps;
  if (!Array.isArray(steps) || steps.length < 2) err(c, 'steps must have >= 2 items');
  else {
    const sk = new Set();
    let sum = 0;
    for (const s of steps) {
      if (!nonEmpty(s.key) || sk.has(s.key)) err(c, `step key ${s.key} missing/duplicate`);
      sk.add(s.key);
      if (!nonEmpty(s.name) || !VI.test(s.name)) err(c, `step ${s.key} name must be Vietnamese`);
      if (!ROLES.includes(s.role)) err(c, `step ${s.key} bad role ${s.role}`);
      if (!(typeof s.share === 'number' && s.share > 0)) err(c, `step ${s.key} share must be > 0`);
      sum += s.share;
      if (!LEVELS.includes(s.level)) err(c, `step ${s.key} bad level ${s.level}`);
      else if (!KINDS[s.level].includes(s.agencyKind)) err(c, `step ${s.key} agencyKind ${s.agencyKind} invalid for ${s.level}`);
      if (![p.level, p.receivingLevel].includes(s.level)) err(c, `step ${s.key} level ${s.level} is neither level nor receivingLevel`);
    }
    if (Math.abs(sum - 1) >= 1e-9) err(c, `step shares sum to ${sum}, expected 1`);
    if (steps[0].level !== p.receivingLevel) err(c, 'first step must be at receivingLevel');
    if (steps[steps.length - 1].level !== p.receivingLevel) err(c, 'last step (return) must be at receivingLevel');
    if (!steps.some((s) => s.role === 'LEADER' && s.level === p.level && s.agencyKind === p.competentAgencyKind)) err(c, 'a LEADER step must be at the competent level/agency');
  }
}

// global rules
for (const l of LEVELS) if (perLevel[l] < 15) err('', `level ${l} has ${perLevel[l]} procedures, expected >= 15`);
if (sectors.size < 12) err('', `expected >= 12 distinct sectors, got ${sectors.size}`);
if (inter.length < 6) err('', `expected >= 6 inter-level procedures, got ${inter.length}`);
if (!inter.some((p) => p.receivingLevel === 'COMMUNE' && p.level === 'DISTRICT')) err('', 'need at least one COMMUNE->DISTRICT procedure');
if (!inter.some((p) => p.receivingLevel === 'DISTRICT' && p.level === 'PROVINCE')) err('', 'need at least one DISTRICT->PROVINCE procedure');

const births = list.filter((p) => p.name === 'Đăng ký khai sinh');
if (births.length !== 1) err('', `expected exactly one procedure named "Đăng ký khai sinh", got ${births.length}`);
const birth = births[0];
if (birth) {
  if (birth.level !== 'COMMUNE' || birth.competentAgencyKind !== 'JUSTICE') err(birth.code, 'Đăng ký khai sinh must be COMMUNE/JUSTICE');
  if (birth.popularity !== 100) err(birth.code, 'Đăng ký khai sinh popularity must be 100');
  if (birth.onlineLevel !== 'FULL') err(birth.code, 'Đăng ký khai sinh must be FULL online');
  if (birth.fee.amount !== 0) err(birth.code, 'Đăng ký khai sinh fee must be 0');
  if (birth.bundle !== 'newborn' || birth.allowsOnBehalf !== true) err(birth.code, 'Đăng ký khai sinh must be in newborn bundle and allow on-behalf');
  for (const p of list) if (p !== birth && /khai sinh/i.test(p.name) && p.popularity > 60) err(p.code, 'other "khai sinh" procedures must have popularity <= 60');
}
if (bundle.length !== 3) err('', `newborn bundle must have exactly 3 procedures, got ${bundle.length}`);
for (const p of bundle) {
  for (const k of CHILD_KEYS) {
    const fd = p.form.fields.find((x) => x.key === k);
    if (!fd || fd.subject !== true) err(p.code, `bundle procedure must have subject field ${k}`);
  }
}
const need = [
  ['COMMUNE', 'JUSTICE', /^Đăng ký khai sinh$/],
  ['COMMUNE', 'POLICE', /thường trú/i],
  ['DISTRICT', 'SOCIAL_INSURANCE', /BHYT|bảo hiểm y tế/i],
];
for (const [lvl, kind, re] of need) {
  if (!bundle.some((p) => p.level === lvl && p.competentAgencyKind === kind && re.test(p.name))) err('', `newborn bundle lacks ${lvl}/${kind} ${re}`);
}

// expected presence of key procedures
const mustHave = [
  [/^Đăng ký kết hôn$/, 'COMMUNE', 'JUSTICE'],
  [/^Đăng ký khai tử$/, 'COMMUNE', 'JUSTICE'],
  [/^Cấp bản sao Trích lục hộ tịch/, null, null],
  [/^Chứng thực bản sao từ bản chính/, 'COMMUNE', null],
  [/^Chứng thực chữ ký/, 'COMMUNE', null],
  [/^Cấp Phiếu Lý lịch tư pháp cho công dân/i, 'PROVINCE', 'JUSTICE'],
  [/^Đăng ký thành lập hộ kinh doanh$/, 'DISTRICT', 'FINANCE_PLANNING'],
  [/^Đăng ký thành lập (doanh nghiệp tư nhân|công ty TNHH một thành viên)/, 'PROVINCE', 'PLANNING_INVESTMENT'],
  [/giấy phép xây dựng/i, 'DISTRICT', 'ECONOMY_INFRASTRUCTURE'],
  [/^Đăng ký biến động/, null, 'NATURAL_RESOURCES'],
  [/giấy phép lái xe/i, 'PROVINCE', 'TRANSPORT'],
  [/^Đăng ký kết hôn có yếu tố nước ngoài$/, 'DISTRICT', 'JUSTICE'],
  [/^Đăng ký khai sinh có yếu tố nước ngoài$/, 'DISTRICT', null],
  [/^Đăng ký thường trú$/, 'COMMUNE', 'POLICE'],
];
for (const [re, lvl, kind] of mustHave) {
  const hit = list.filter((p) => re.test(p.name));
  if (!hit.length) err('', `missing expected procedure ${re}`);
  else if (!hit.some((p) => (!lvl || p.level === lvl) && (!kind || p.competentAgencyKind === kind))) err('', `procedure ${re} has wrong level/kind`);
}

const summary = `${list.length} procedures; per level ${JSON.stringify(perLevel)}; ${sectors.size} sectors; ${inter.length} inter-level; bundle ${bundle.map((p) => p.code).join(',')}`;
if (errors.length) {
  console.error(errors.join('\n'));
  console.error(`\nFAILED with ${errors.length} error(s). ${summary}`);
  process.exit(1);
}
console.log(`OK: ${summary}`);
