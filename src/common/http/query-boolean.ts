import { Transform } from 'class-transformer';

/** Query strings arrive as text: 'true' / 'false' to booleans, anything else left for the validator to refuse. */
export const QueryBoolean = (): PropertyDecorator => Transform(({ value }: { value: unknown }) => (value === 'true' ? true : value === 'false' ? false : value));
