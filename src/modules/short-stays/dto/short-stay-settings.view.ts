import { ApiProperty } from '@nestjs/swagger';
import { FacilityType } from '../../facilities/facility.entity';
import { HouseholdStatus } from '../short-stay.enums';

export class ShortStayPolicyView {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ format: 'date' }) effectiveFrom!: string;
  @ApiProperty() minAge!: number;
  @ApiProperty() maxAge!: number;
  @ApiProperty() maxNightsPerStay!: number;
  @ApiProperty() maxNightsPerMonth!: number;
  @ApiProperty() extensionRequiresApproval!: boolean;
  @ApiProperty({ nullable: true, type: String }) note!: string | null;
  @ApiProperty({ description: 'The row in force today' }) inForce!: boolean;
  @ApiProperty({ type: String, format: 'date-time' }) createdAt!: Date;
}

export class ShortStayFeeRateView {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ enum: FacilityType }) facilityType!: FacilityType;
  @ApiProperty() facilityTypeLabel!: string;
  @ApiProperty({ enum: HouseholdStatus }) householdStatus!: HouseholdStatus;
  @ApiProperty() householdStatusLabel!: string;
  @ApiProperty({ format: 'date' }) effectiveFrom!: string;
  @ApiProperty() dailyFeeYen!: number;
}

export class CapacityChangeView {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ format: 'date' }) firstNight!: string;
  @ApiProperty({ format: 'date', nullable: true, type: String }) lastNight!: string | null;
  @ApiProperty() bedDelta!: number;
  @ApiProperty() reason!: string;
  @ApiProperty({ type: String, format: 'date-time' }) createdAt!: Date;
}

export class ShortStayFacilityView {
  @ApiProperty({ format: 'uuid' }) facilityId!: string;
  @ApiProperty() name!: string;
  @ApiProperty({ enum: FacilityType }) type!: FacilityType;
  @ApiProperty() typeLabel!: string;
  @ApiProperty({ format: 'uuid' }) officeId!: string;
  @ApiProperty() active!: boolean;
  @ApiProperty({ nullable: true, type: String }) address!: string | null;
  @ApiProperty({ nullable: true, type: String }) phone!: string | null;
  @ApiProperty({ description: 'A short-stay profile exists (ages and beds set)' }) configured!: boolean;
  @ApiProperty({ nullable: true, type: Number }) minAge!: number | null;
  @ApiProperty({ nullable: true, type: Number }) maxAge!: number | null;
  @ApiProperty({ nullable: true, type: Number }) baseBeds!: number | null;
  @ApiProperty({ nullable: true, type: Number, description: 'Beds tonight, dated changes applied' }) bedsTonight!: number | null;
  @ApiProperty({ nullable: true, type: String }) notes!: string | null;
  @ApiProperty({ nullable: true, type: Number }) version!: number | null;
  @ApiProperty({ type: CapacityChangeView, isArray: true, required: false, description: 'Detail only' }) capacityChanges?: CapacityChangeView[];
}
