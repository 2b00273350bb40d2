import { ShortStayCapacityChange } from './short-stay-capacity-change.entity';
import { ShortStayEvent } from './short-stay-event.entity';
import { ShortStayFacilityProfile } from './short-stay-facility-profile.entity';
import { ShortStayFeeRate } from './short-stay-fee-rate.entity';
import { ShortStayPolicy } from './short-stay-policy.entity';
import { ShortStay } from './short-stay.entity';

export const SHORT_STAY_ENTITIES = [ShortStayPolicy, ShortStayFeeRate, ShortStayFacilityProfile, ShortStayCapacityChange, ShortStay, ShortStayEvent];
