import { OfficeType } from '../src/modules/offices/office.entity';

export interface OfficeSeed {
  code: string;
  name: string;
  type: OfficeType;
  isMain: boolean;
}

/** The offices of 練馬区: five 子ども家庭支援センター sites and six 保健相談所. */
export const WARD_OFFICES: OfficeSeed[] = [
  { code: 'CFS-NERIMA', name: '練馬子ども家庭支援センター', type: OfficeType.ChildFamilySupportCenter, isMain: true },
  { code: 'CFS-NUKUI', name: '貫井子ども家庭支援センター', type: OfficeType.ChildFamilySupportCenter, isMain: false },
  { code: 'CFS-HIKARIGAOKA', name: '光が丘子ども家庭支援センター', type: OfficeType.ChildFamilySupportCenter, isMain: false },
  { code: 'CFS-SEKI', name: '関子ども家庭支援センター', type: OfficeType.ChildFamilySupportCenter, isMain: false },
  { code: 'CFS-OIZUMI', name: '大泉子ども家庭支援センター', type: OfficeType.ChildFamilySupportCenter, isMain: false },
  { code: 'HC-TOYOTAMA', name: '豊玉保健相談所', type: OfficeType.HealthCenter, isMain: false },
  { code: 'HC-KITA', name: '北保健相談所', type: OfficeType.HealthCenter, isMain: false },
  { code: 'HC-HIKARIGAOKA', name: '光が丘保健相談所', type: OfficeType.HealthCenter, isMain: false },
  { code: 'HC-SHAKUJII', name: '石神井保健相談所', type: OfficeType.HealthCenter, isMain: false },
  { code: 'HC-OIZUMI', name: '大泉保健相談所', type: OfficeType.HealthCenter, isMain: false },
  { code: 'HC-SEKI', name: '関保健相談所', type: OfficeType.HealthCenter, isMain: false },
];
