import { ApiProperty } from '@nestjs/swagger';
import { FacilityType } from '../../facilities/facility.entity';
import { ShortStayAgeBand, ShortStayRejectionReason } from '../short-stay.enums';

export class VacancyNightView {
  @ApiProperty({ format: 'date' }) night!: string;
  @ApiProperty() bedsTotal!: number;
  @ApiProperty() bedsTaken!: number;
  @ApiProperty() bedsFree!: number;
}

export class VacancyFacilityView {
  @ApiProperty({ format: 'uuid' }) facilityId!: string;
  @ApiProperty() name!: string;
  @ApiProperty({ enum: FacilityType }) type!: FacilityType;
  @ApiProperty() typeLabel!: string;
  @ApiProperty() minAge!: number;
  @ApiProperty() maxAge!: number;
  @ApiProperty({ description: 'Nights in the range with at least one free bed' }) nightsWithFreeBed!: number;
  @ApiProperty({ type: VacancyNightView, isArray: true }) nights!: VacancyNightView[];
}

export class VacancyBoardView {
  @ApiProperty({ format: 'date' }) from!: string;
  @ApiProperty({ format: 'date' }) to!: string;
  @ApiProperty({ type: VacancyFacilityView, isArray: true }) facilities!: VacancyFacilityView[];
}

export class RejectionCountView {
  @ApiProperty({ enum: ShortStayRejectionReason }) reason!: ShortStayRejectionReason;
  @ApiProperty() label!: string;
  @ApiProperty() count!: number;
}

export class AgeBandCountView {
  @ApiProperty({ enum: ShortStayAgeBand }) band!: ShortStayAgeBand;
  @ApiProperty() label!: string;
  @ApiProperty({ description: 'Distinct children, by their age on the first night of their first stay of the year' }) children!: number;
  @ApiProperty({ description: 'Approved stays starting in the year, by the child’s age on the first night' }) stays!: number;
}

export class FacilityOccupancyView {
  @ApiProperty({ format: 'uuid' }) facilityId!: string;
  @ApiProperty() name!: string;
  @ApiProperty({ enum: FacilityType }) type!: FacilityType;
  @ApiProperty({ description: 'Bed-nights available in the elapsed part of the year' }) bedNights!: number;
  @ApiProperty({ description: 'Bed-nights taken, all offices' }) nightsTaken!: number;
  @ApiProperty({ description: 'Bed-nights taken by this office' }) nightsTakenByOffice!: number;
  @ApiProperty({ nullable: true, type: Number, description: 'nightsTaken ÷ bedNights (0–1), null when no bed-nights' }) occupancyRate!: number | null;
}

export class MonthCountView {
  @ApiProperty({ example: '2026-04' }) month!: string;
  @ApiProperty() requests!: number;
  @ApiProperty() approved!: number;
  @ApiProperty() nightsBooked!: number;
}

export class ShortStayStatsView {
  @ApiProperty() fiscalYear!: number;
  @ApiProperty({ example: '令和8年度' }) fiscalYearLabel!: string;
  @ApiProperty({ format: 'uuid', nullable: true, type: String, description: 'null: the whole ward (measures module)' }) officeId!: string | null;
  @ApiProperty({ format: 'date' }) firstDay!: string;
  @ApiProperty({ format: 'date' }) lastDay!: string;
  @ApiProperty({ format: 'date', description: 'Occupancy counts nights up to this date' }) occupancyUntil!: string;
  @ApiProperty({ description: 'Requests whose first night falls in the year' }) requests!: number;
  @ApiProperty({ description: 'Of those, approved (including stays approved then cancelled)' }) approved!: number;
  @ApiProperty() rejected!: number;
  @ApiProperty() cancelled!: number;
  @ApiProperty({ description: 'Still waiting for a decision' }) pending!: number;
  @ApiProperty() completed!: number;
  @ApiProperty({ type: RejectionCountView, isArray: true }) rejectionsByReason!: RejectionCountView[];
  @ApiProperty({ description: 'Nights booked in the year (approved, in stay, completed)' }) nightsBooked!: number;
  @ApiProperty({ description: 'Nights stayed: in-stay or completed stays, nights up to today' }) nightsUsed!: number;
  @ApiProperty({ description: 'Distinct children with an approved stay in the year' }) children!: number;
  @ApiProperty({ type: AgeBandCountView, isArray: true }) byAgeBand!: AgeBandCountView[];
  @ApiProperty({ type: FacilityOccupancyView, isArray: true }) occupancy!: FacilityOccupancyView[];
  @ApiProperty({ type: MonthCountView, isArray: true }) byMonth!: MonthCountView[];
}
