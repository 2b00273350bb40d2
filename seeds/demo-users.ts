import { Role } from '../src/common/auth/roles';

export interface DemoUserSeed {
  loginId: string;
  displayName: string;
  officeCode: string;
  roles: Role[];
  email: string | null;
}

/** Fictitious demo staff; every one signs in with DEMO_PASSWORD. */
export const DEMO_USERS: DemoUserSeed[] = [
  { loginId: 'admin', displayName: '管理 太郎', officeCode: 'CFS-NERIMA', roles: [Role.Admin], email: 'admin@example.invalid' },
  { loginId: 'auditor', displayName: '監査 正子', officeCode: 'CFS-NERIMA', roles: [Role.Auditor], email: null },
  { loginId: 'liaison', displayName: '連携 一郎', officeCode: 'CFS-NERIMA', roles: [Role.Liaison], email: 'liaison@example.invalid' },
  { loginId: 'supervisor1', displayName: '係長 早苗', officeCode: 'CFS-NERIMA', roles: [Role.Supervisor], email: 'supervisor1@example.invalid' },
  { loginId: 'consultant1', displayName: '相談 陽菜', officeCode: 'CFS-NERIMA', roles: [Role.Consultant], email: 'consultant1@example.invalid' },
  { loginId: 'supervisor2', displayName: '所長 健司', officeCode: 'CFS-NUKUI', roles: [Role.Supervisor], email: 'supervisor2@example.invalid' },
  { loginId: 'consultant2', displayName: '相談 美咲', officeCode: 'CFS-NUKUI', roles: [Role.Consultant], email: null },
  { loginId: 'nurse1', displayName: '保健 さくら', officeCode: 'HC-TOYOTAMA', roles: [Role.Consultant], email: 'nurse1@example.invalid' },
  { loginId: 'supervisor3', displayName: '係長 直美', officeCode: 'HC-TOYOTAMA', roles: [Role.Supervisor], email: null },
];
