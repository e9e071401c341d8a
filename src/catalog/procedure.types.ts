import type { UnitLevel } from '../units/administrative-unit.entity';

export type ProcessingUnit = 'WORKING_DAY' | 'WORKING_HOUR';
export type OnlineLevel = 'FULL' | 'PARTIAL';
export type StaffRole = 'CLERK' | 'SPECIALIST' | 'LEADER' | 'MANAGER' | 'ADMIN';

export type FieldType =
  | 'text' | 'textarea' | 'date' | 'number' | 'select' | 'checkbox' | 'personalId' | 'phone' | 'email' | 'unit';

export interface FormFieldDefinition {
  key: string;
  label: string;
  type: FieldType;
  required: boolean;
  /** Where the value comes from when the portal already knows it (registry.*, account.*, history). */
  prefill?: string;
  options?: { value: string; label: string }[];
  validation?: {
    minLength?: number;
    maxLength?: number;
    min?: number;
    max?: number;
    pattern?: string;
    minDate?: string;
    maxDate?: string;
    requiredIf?: { field: string; equals: string | boolean };
  };
  /** About the subject person (e.g. the newborn) rather than the applicant. */
  subject?: boolean;
  help?: string;
}

export interface FormDefinition {
  fields: FormFieldDefinition[];
}

export interface DocumentRequirement {
  key: string;
  name: string;
  required: boolean;
}

/** One workflow step: who does it, at which level and kind of agency, and its share of the legal time. */
export interface WorkflowStep {
  key: string;
  name: string;
  role: Extract<StaffRole, 'CLERK' | 'SPECIALIST' | 'LEADER'>;
  share: number;
  level: UnitLevel;
  agencyKind: string;
}
