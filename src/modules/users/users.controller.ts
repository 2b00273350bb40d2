import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Patch, Post, Query } from '@nestjs/common';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { Actor } from '../../common/auth/actor';
import { CurrentActor, Roles } from '../../common/auth/decorators';
import { Role } from '../../common/auth/roles';
import { Page } from '../../common/pagination/keyset';
import { Audited } from '../audit/audited.decorator';
import { CreateUserDto, ListUsersQuery, ResetPasswordDto, UpdateUserDto, UserView } from './dto/user.dto';
import { UsersService } from './users.service';

/** User administration (admins), and the staff list of one's own office (casework staff). */
@ApiTags('users')
@Controller('users')
export class UsersController {
  constructor(private readonly users: UsersService) {}

  @Get()
  @Roles(Role.Admin, Role.Supervisor, Role.Consultant, Role.Liaison)
  @Audited('user.list', 'user', { recordQuery: true })
  list(@CurrentActor() actor: Actor, @Query() query: ListUsersQuery): Promise<Page<UserView>> {
    return this.users.list(actor, query);
  }

  @Post()
  @Roles(Role.Admin)
  @Audited('user.create', 'user')
  @ApiOkResponse({ type: UserView })
  create(@Body() body: CreateUserDto): Promise<UserView> {
    return this.users.create(body);
  }

  @Get(':id')
  @Roles(Role.Admin, Role.Supervisor, Role.Consultant, Role.Liaison)
  @Audited('user.read', 'user')
  @ApiOkResponse({ type: UserView })
  get(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string): Promise<UserView> {
    return this.users.getInScope(actor, id);
  }

  @Patch(':id')
  @Roles(Role.Admin)
  @Audited('user.update', 'user')
  update(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string, @Body() body: UpdateUserDto): Promise<UserView> {
    return this.users.update(actor, id, body);
  }

  @Post(':id/deactivate')
  @HttpCode(200)
  @Roles(Role.Admin)
  @Audited('user.deactivate', 'user')
  deactivate(@Param('id', ParseUUIDPipe) id: string, @CurrentActor() actor: Actor): Promise<UserView> {
    return this.users.setActive(id, false, actor);
  }

  @Post(':id/activate')
  @HttpCode(200)
  @Roles(Role.Admin)
  @Audited('user.activate', 'user')
  activate(@Param('id', ParseUUIDPipe) id: string, @CurrentActor() actor: Actor): Promise<UserView> {
    return this.users.setActive(id, true, actor);
  }

  @Post(':id/unlock')
  @HttpCode(200)
  @Roles(Role.Admin)
  @Audited('user.unlock', 'user')
  unlock(@Param('id', ParseUUIDPipe) id: string): Promise<UserView> {
    return this.users.unlock(id);
  }

  @Post(':id/reset-password')
  @HttpCode(204)
  @Roles(Role.Admin)
  @Audited('user.reset_password', 'user')
  async resetPassword(@Param('id', ParseUUIDPipe) id: string, @Body() body: ResetPasswordDto): Promise<void> {
    await this.users.resetPassword(id, body.newPassword);
  }
}
