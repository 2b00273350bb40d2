import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { Actor } from '../../common/auth/actor';
import { businessRule, notFound, validationFailed } from '../../common/problem/problem';
import { todayInJapan } from '../../common/time/japan-time';
import { sqlRows } from '../../database/sql';
import { createInTransaction } from '../audit/write-audit';
import { FACILITY_TYPE_LABELS, FacilityType } from '../facilities/facility.entity';
import { CreateShortStayFeeRateDto, CreateShortStayPolicyDto } from './dto/short-stay-settings.dto';
import { ShortStayFeeRateView, ShortStayPolicyView } from './dto/short-stay-settings.view';
import { HOUSEHOLD_STATUS_LABELS, HouseholdStatus } from './short-stay.enums';

const POLICY_COLUMNS = `id, effective_from::text AS "effectiveFrom", min_age AS "minAge", max_age AS "maxAge", max_nights_per_stay AS "maxNightsPerStay",
  max_nights_per_month AS "maxNightsPerMonth", extension_requires_approval AS "extensionRequiresApproval", note, created_at AS "createdAt"`;

/**
 * The dated settings: the eligibility policy (実施基準) and the fee table.
 * Both only grow: a change is a new row from a date (today or later), so a
 * stay is always judged and priced by the rows in force on its first night
 * and past decisions keep their meaning.
 */
@Injectable()
export class ShortStayPoliciesService {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async listPolicies(): Promise<ShortStayPolicyView[]> {
    const rows = await sqlRows<Omit<ShortStayPolicyView, 'inForce'>>(this.dataSource, `SELECT ${POLICY_COLUMNS} FROM short_stay_policies ORDER BY effective_from DESC`);
    const today = todayInJapan();
    const inForce = rows.find((r) => r.effectiveFrom <= today);
    return rows.map((r) => ({ ...r, inForce: r.id === inForce?.id }));
  }

  async createPolicy(actor: Actor, dto: CreateShortStayPolicyDto): Promise<ShortStayPolicyView> {
    const errors = [];
    if (dto.minAge > dto.maxAge) errors.push({ field: 'maxAge', code: 'below_min_age', message: '上限年齢は下限年齢以上にしてください。' });
    if (dto.maxNightsPerMonth < dto.maxNightsPerStay) {
      errors.push({ field: 'maxNightsPerMonth', code: 'below_per_stay', message: '月あたりの上限は1回あたりの上限以上にしてください。' });
    }
    if (errors.length) throw validationFailed(errors);
    assertNotRetroactive(dto.effectiveFrom);
    const id = await createInTransaction(this.dataSource, async (manager) => {
      const [row] = await sqlRows<{ id: string }>(
        manager,
        `INSERT INTO short_stay_policies (effective_from, min_age, max_age, max_nights_per_stay, max_nights_per_month, extension_requires_approval, note, created_by)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id`,
        [dto.effectiveFrom, dto.minAge, dto.maxAge, dto.maxNightsPerStay, dto.maxNightsPerMonth, dto.extensionRequiresApproval, dto.note ?? null, actor.userId],
      );
      return row.id;
    });
    const created = (await this.listPolicies()).find((p) => p.id === id);
    if (!created) throw notFound('policy');
    return created;
  }

  /** A row entered by mistake may be withdrawn until it takes effect, unless a stay was already judged by it. */
  async removePolicy(id: string): Promise<void> {
    const rows = await sqlRows<{ effective_from: string; used: boolean }>(
      this.dataSource,
      `SELECT effective_from, EXISTS (SELECT 1 FROM short_stays s WHERE s.policy_id = p.id) AS used FROM short_stay_policies p WHERE p.id = $1`,
      [id],
    );
    if (!rows[0]) throw notFound('policy');
    if (rows[0].effective_from <= todayInJapan() || rows[0].used) {
      throw businessRule('施行済みの実施基準は取り消せません。変更は新しい施行日の行を追加してください。');
    }
    // In a transaction, like every audited write: its commit stages the audit event (AuditOutbox).
    await this.dataSource.transaction((m) => m.query(`DELETE FROM short_stay_policies WHERE id = $1`, [id]));
  }

  async listFeeRates(on?: string): Promise<ShortStayFeeRateView[]> {
    const rows = await sqlRows<{ id: string; facility_type: FacilityType; household_status: HouseholdStatus; effective_from: string; daily_fee_yen: number }>(
      this.dataSource,
      on
        ? `SELECT DISTINCT ON (facility_type, household_status) id, facility_type, household_status, effective_from, daily_fee_yen
             FROM short_stay_fee_rates WHERE effective_from <= $1 ORDER BY facility_type, household_status, effective_from DESC`
        : `SELECT id, facility_type, household_status, effective_from, daily_fee_yen FROM short_stay_fee_rates
            ORDER BY facility_type, household_status, effective_from DESC`,
      on ? [on] : [],
    );
    return rows.map((r) => ({
      id: r.id,
      facilityType: r.facility_type,
      facilityTypeLabel: FACILITY_TYPE_LABELS[r.facility_type],
      householdStatus: r.household_status,
      householdStatusLabel: HOUSEHOLD_STATUS_LABELS[r.household_status],
      effectiveFrom: r.effective_from,
      dailyFeeYen: r.daily_fee_yen,
    }));
  }

  async createFeeRate(actor: Actor, dto: CreateShortStayFeeRateDto): Promise<ShortStayFeeRateView> {
    assertNotRetroactive(dto.effectiveFrom);
    const id = await createInTransaction(this.dataSource, async (manager) => {
      const [row] = await sqlRows<{ id: string }>(
        manager,
        `INSERT INTO short_stay_fee_rates (facility_type, household_status, effective_from, daily_fee_yen, created_by) VALUES ($1, $2, $3, $4, $5) RETURNING id`,
        [dto.facilityType, dto.householdStatus, dto.effectiveFrom, dto.dailyFeeYen, actor.userId],
      );
      return row.id;
    });
    const created = (await this.listFeeRates()).find((r) => r.id === id);
    if (!created) throw notFound('fee rate');
    return created;
  }
}

function assertNotRetroactive(effectiveFrom: string): void {
  if (effectiveFrom < todayInJapan()) {
    throw validationFailed([{ field: 'effectiveFrom', code: 'in_past', message: '施行日は本日以降にしてください（過去の判定は変えられません）。' }]);
  }
}
