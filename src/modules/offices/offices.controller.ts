import { Body, Controller, Get, Param, ParseUUIDPipe, Patch, Post } from '@nestjs/common';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { AnyRole, Roles } from '../../common/auth/decorators';
import { Role } from '../../common/auth/roles';
import { Audited, NotAudited } from '../audit/audited.decorator';
import { CreateOfficeDto, OfficeView, UpdateOfficeDto } from './dto/office.dto';
import { OfficesService } from './offices.service';

@ApiTags('offices')
@Controller('offices')
export class OfficesController {
  constructor(private readonly offices: OfficesService) {}

  @Get()
  @AnyRole()
  @NotAudited('the list of the ward offices is public organisational information')
  list(): Promise<{ items: OfficeView[] }> {
    return this.offices.list();
  }

  @Get(':id')
  @AnyRole()
  @NotAudited('public organisational information')
  @ApiOkResponse({ type: OfficeView })
  get(@Param('id', ParseUUIDPipe) id: string): Promise<OfficeView> {
    return this.offices.get(id);
  }

  @Post()
  @Roles(Role.Admin)
  @Audited('office.create', 'office')
  create(@Body() body: CreateOfficeDto): Promise<OfficeView> {
    return this.offices.create(body);
  }

  @Patch(':id')
  @Roles(Role.Admin)
  @Audited('office.update', 'office')
  update(@Param('id', ParseUUIDPipe) id: string, @Body() body: UpdateOfficeDto): Promise<OfficeView> {
    return this.offices.update(id, body);
  }
}
