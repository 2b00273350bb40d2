import { Module } from '@nestjs/common';
import { ShortStaysModule } from '../short-stays/short-stays.module';
import { ExportsController } from './exports/exports.controller';
import { ExportsService } from './exports/exports.service';
import { MeasureTargetsService } from './measure-targets.service';
import { MeasuresController, MeasureTargetsController } from './measures.controller';
import { MeasuresService } from './measures.service';

/** Fiscal-year measures, plan vs actual, targets, and the CSV/XLSX exports (issue 9). */
@Module({
  imports: [ShortStaysModule],
  controllers: [MeasuresController, MeasureTargetsController, ExportsController],
  providers: [MeasuresService, MeasureTargetsService, ExportsService],
})
export class MeasuresModule {}
