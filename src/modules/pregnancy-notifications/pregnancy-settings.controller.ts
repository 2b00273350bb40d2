import { Body, Controller, Get, Put } from '@nestjs/common';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { Actor } from '../../common/auth/actor';
import { CurrentActor, Roles } from '../../common/auth/decorators';
import { Role } from '../../common/auth/roles';
import { Audited, NotAudited } from '../audit/audited.decorator';
import { PregnancySettingsView, UpdatePregnancySettingsDto } from './dto/pregnancy-settings.dto';
import { PregnancySettingsService } from './pregnancy-settings.service';

/** Programme settings (attempts before 連絡不通, reminder days, 産後ケア limits): ward default and per-office rows. */
@ApiTags('pregnancy-settings')
@Controller('pregnancy-settings')
export class PregnancySettingsController {
  constructor(private readonly settings: PregnancySettingsService) {}

  @Get()
  @Roles(Role.Admin, Role.Supervisor, Role.Consultant)
  @NotAudited('programme settings; no case data')
  @ApiOkResponse({ type: [PregnancySettingsView] })
  list(): Promise<PregnancySettingsView[]> {
    return this.settings.list();
  }

  @Put()
  @Roles(Role.Admin)
  @Audited('pregnancy_settings.update', 'pregnancy_settings')
  @ApiOkResponse({ type: PregnancySettingsView })
  update(@CurrentActor() actor: Actor, @Body() body: UpdatePregnancySettingsDto): Promise<PregnancySettingsView> {
    return this.settings.update(actor, body);
  }
}
