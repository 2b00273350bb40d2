import { Module } from '@nestjs/common';
import { PersonLinksService } from './person-links.service';
import { PersonSearchService } from './person-search.service';
import { PersonsController } from './persons.controller';
import { PersonsService } from './persons.service';

@Module({
  controllers: [PersonsController],
  providers: [PersonsService, PersonSearchService, PersonLinksService],
  exports: [PersonsService],
})
export class PersonsModule {}
