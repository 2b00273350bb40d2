import { IsOmittable } from '../../../common/http/optional';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsInt, IsOptional, IsUUID, Max, Min } from 'class-validator';

export class UpdatePregnancySettingsDto {
  @ApiPropertyOptional({ format: 'uuid', nullable: true, description: 'A 保健相談所 for its own settings; absent for the ward default' })
  @IsOptional()
  @IsUUID()
  officeId?: string;

  @ApiPropertyOptional({ description: 'The version you loaded; absent when creating an office row' })
  @IsOmittable()
  @IsInt()
  @Min(1)
  version?: number;

  @ApiPropertyOptional({ minimum: 1, maximum: 20, description: '連続して連絡がつかなかった回数がこの回数に達すると「連絡不通」' })
  @IsOmittable()
  @IsInt()
  @Min(1)
  @Max(20)
  unreachableAfterAttempts?: number;

  @ApiPropertyOptional({ minimum: 1, maximum: 180, description: '届出から面談がないまま何日で相談員に通知するか' })
  @IsOmittable()
  @IsInt()
  @Min(1)
  @Max(180)
  interviewReminderDays?: number;

  @ApiPropertyOptional({ minimum: 1, maximum: 365, description: '届出から面談がないまま何日で係長に通知するか' })
  @IsOmittable()
  @IsInt()
  @Min(1)
  @Max(365)
  interviewEscalationDays?: number;

  @ApiPropertyOptional({ minimum: 1, maximum: 24, description: '産後ケアの対象: 出生から何か月未満か' })
  @IsOmittable()
  @IsInt()
  @Min(1)
  @Max(24)
  postpartumEligibilityMonths?: number;

  @ApiPropertyOptional({ minimum: 1, maximum: 24, description: '宿泊型の対象: 生後何か月未満か' })
  @IsOmittable()
  @IsInt()
  @Min(1)
  @Max(24)
  overnightStayMaxAgeMonths?: number;

  @ApiPropertyOptional({ minimum: 1, maximum: 60 })
  @IsOmittable()
  @IsInt()
  @Min(1)
  @Max(60)
  maxSessionsOvernightStay?: number;

  @ApiPropertyOptional({ minimum: 1, maximum: 60 })
  @IsOmittable()
  @IsInt()
  @Min(1)
  @Max(60)
  maxSessionsDayCare?: number;

  @ApiPropertyOptional({ minimum: 1, maximum: 60 })
  @IsOmittable()
  @IsInt()
  @Min(1)
  @Max(60)
  maxSessionsHomeVisit?: number;
}

export class PregnancySettingsView {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ format: 'uuid', nullable: true, type: String, description: 'null = ward default' }) officeId!: string | null;
  @ApiProperty() unreachableAfterAttempts!: number;
  @ApiProperty() interviewReminderDays!: number;
  @ApiProperty() interviewEscalationDays!: number;
  @ApiProperty() postpartumEligibilityMonths!: number;
  @ApiProperty() overnightStayMaxAgeMonths!: number;
  @ApiProperty() maxSessionsOvernightStay!: number;
  @ApiProperty() maxSessionsDayCare!: number;
  @ApiProperty() maxSessionsHomeVisit!: number;
  @ApiProperty() version!: number;
  @ApiProperty({ type: String, format: 'date-time' }) updatedAt!: Date;
}
