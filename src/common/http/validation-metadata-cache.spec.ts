import 'reflect-metadata';
import { Type } from 'class-transformer';
import { getMetadataStorage, IsInt, IsString, validate, ValidateNested } from 'class-validator';
import { memoiseValidationMetadata } from './validation-metadata-cache';

class Person {
  @IsString()
  name!: string;
}

class Child extends Person {
  @IsInt()
  age!: number;
}

class Family {
  @ValidateNested({ each: true })
  @Type(() => Child)
  children!: Child[];
}

const storage = getMetadataStorage();
const lookUp = (target: Function) => storage.getTargetValidationMetadatas(target, '', false, false, undefined);
const describeRules = (target: Function) => lookUp(target).map((m) => `${m.propertyName}:${m.name ?? m.type}`).sort();

describe('memoiseValidationMetadata', () => {
  const before = { person: describeRules(Person), child: describeRules(Child), family: describeRules(Family) };

  beforeAll(() => memoiseValidationMetadata(storage));

  it('answers the same rules as class-validator, inherited ones included, and the same array on every call', () => {
    expect(before.child).toEqual(['age:isInt', 'name:isString']);
    expect({ person: describeRules(Person), child: describeRules(Child), family: describeRules(Family) }).toEqual(before);
    expect(lookUp(Child)).toBe(lookUp(Child));
    expect(storage.groupByPropertyName(lookUp(Child))).toBe(storage.groupByPropertyName(lookUp(Child)));
    expect(Object.keys(storage.groupByPropertyName(lookUp(Child))).sort()).toEqual(['age', 'name']);
  });

  it('tells groups and options apart', () => {
    expect(storage.getTargetValidationMetadatas(Child, '', false, true, ['other'])).not.toBe(lookUp(Child));
  });

  it('still validates nested objects and rejects unknown fields', async () => {
    const family = Object.assign(new Family(), { children: [Object.assign(new Child(), { name: '花子', age: 'three', extra: 1 })] });
    const errors = await validate(family, { whitelist: true, forbidNonWhitelisted: true, forbidUnknownValues: true });
    const child = errors[0].children?.[0];
    expect(errors[0].property).toBe('children');
    expect(child?.children?.map((e) => [e.property, Object.keys(e.constraints ?? {})])).toEqual(
      expect.arrayContaining([
        ['age', ['isInt']],
        ['extra', ['whitelistValidation']],
      ]),
    );
  });

  it('sees rules declared after a look-up (a class loaded later)', () => {
    class Late {
      note!: string;
    }
    expect(lookUp(Late)).toEqual([]);
    IsString()(Late.prototype, 'note');
    expect(describeRules(Late)).toEqual(['note:isString']);
  });

  it('wraps the storage once however often it is installed', () => {
    const memoised = storage.getTargetValidationMetadatas;
    memoiseValidationMetadata(storage);
    expect(storage.getTargetValidationMetadatas).toBe(memoised);
  });
});
