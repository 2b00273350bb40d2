import { FacilityType } from '../facilities/facility.entity';

/** Facilities that children attend by day, where rounds are made and children are flagged (not the short-stay homes). */
export const ROUND_FACILITY_TYPES: readonly FacilityType[] = [
  FacilityType.Nursery,
  FacilityType.Kindergarten,
  FacilityType.CertifiedChildcare,
  FacilityType.ElementarySchool,
  FacilityType.JuniorHighSchool,
  FacilityType.AfterSchoolClub,
  FacilityType.ChildrensHall,
  FacilityType.Other,
];
