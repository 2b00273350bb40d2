import { Controller, Get, Param } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { AnyRole } from '../../common/auth/decorators';
import { notFound } from '../../common/problem/problem';
import { NotAudited } from '../audit/audited.decorator';
import { DICTIONARIES } from './dictionaries';

@ApiTags('dictionaries')
@Controller('dictionaries')
export class DictionariesController {
  @Get()
  @AnyRole()
  @NotAudited('static code-to-label tables')
  all(): Record<string, Record<string, string>> {
    return DICTIONARIES;
  }

  @Get(':name')
  @AnyRole()
  @NotAudited('static code-to-label tables')
  one(@Param('name') name: string): Record<string, string> {
    if (!Object.hasOwn(DICTIONARIES, name)) throw notFound('dictionary');
    return DICTIONARIES[name];
  }
}
