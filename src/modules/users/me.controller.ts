import { Body, Controller, Get, HttpCode, Patch, Post } from '@nestjs/common';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { Actor } from '../../common/auth/actor';
import { AnyRole, CurrentActor } from '../../common/auth/decorators';
import { Audited, NotAudited } from '../audit/audited.decorator';
import { ChangeOwnPasswordDto, UpdateOwnSettingsDto, UserView } from './dto/user.dto';
import { UsersService } from './users.service';

@ApiTags('me')
@Controller('me')
export class MeController {
  constructor(private readonly users: UsersService) {}

  @Get()
  @AnyRole()
  @NotAudited('the caller reads their own profile; no case data')
  @ApiOkResponse({ type: UserView })
  me(@CurrentActor() actor: Actor): Promise<UserView> {
    return this.users.get(actor.userId);
  }

  @Patch('settings')
  @AnyRole()
  @Audited('user.update_own_settings', 'user', { idParam: 'none' })
  settings(@CurrentActor() actor: Actor, @Body() body: UpdateOwnSettingsDto): Promise<UserView> {
    return this.users.updateOwnSettings(actor, body);
  }

  @Post('password')
  @HttpCode(204)
  @AnyRole()
  @Audited('user.change_own_password', 'user', { idParam: 'none' })
  async changePassword(@CurrentActor() actor: Actor, @Body() body: ChangeOwnPasswordDto): Promise<void> {
    await this.users.changeOwnPassword(actor, body);
  }
}
