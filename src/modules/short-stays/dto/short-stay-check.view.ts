import { ApiProperty } from '@nestjs/swagger';
import { ShortStayCheckCode } from '../short-stay.enums';
import { ShortStayFeeView } from './short-stay.view';

export class ShortStayCheckView {
  @ApiProperty({ enum: ShortStayCheckCode }) code!: ShortStayCheckCode;
  @ApiProperty() label!: string;
  @ApiProperty() passed!: boolean;
  @ApiProperty({ description: 'Why, in Japanese, for the screen' }) message!: string;
  @ApiProperty({ required: false, type: Object }) details?: Record<string, unknown>;
}

export class ShortStayPolicyRuleView {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() effectiveFrom!: string;
  @ApiProperty() minAge!: number;
  @ApiProperty() maxAge!: number;
  @ApiProperty() maxNightsPerStay!: number;
  @ApiProperty() maxNightsPerMonth!: number;
  @ApiProperty() extensionRequiresApproval!: boolean;
}

export class ShortStayCheckResultView {
  @ApiProperty({ description: 'Every check passed' }) eligible!: boolean;
  @ApiProperty() nights!: number;
  @ApiProperty({ nullable: true, type: Number }) ageOnFirstNight!: number | null;
  @ApiProperty({ nullable: true, type: ShortStayPolicyRuleView, description: 'The policy row in force on the first night' }) policy!: ShortStayPolicyRuleView | null;
  @ApiProperty({ type: ShortStayCheckView, isArray: true }) checks!: ShortStayCheckView[];
  @ApiProperty({ nullable: true, type: ShortStayFeeView, description: 'When a household status was given' }) fee!: ShortStayFeeView | null;
}
