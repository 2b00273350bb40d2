export interface Scale {
  name: string;
  persons: number;
  cases: number;
  /** Consultants per 子ども家庭支援センター (each also gets a supervisor). */
  staffPerOffice: number;
  visits: number;
  reminders: number;
  auditEvents: number;
}

/** From one ward (~5k births a year, ~3k open cases) up to national-scale tables. */
export const SCALES: Record<string, Scale> = {
  ward: { name: 'ward', persons: 20_000, cases: 6_000, staffPerOffice: 12, visits: 60_000, reminders: 20_000, auditEvents: 100_000 },
  '100k': { name: '100k', persons: 100_000, cases: 30_000, staffPerOffice: 30, visits: 300_000, reminders: 100_000, auditEvents: 300_000 },
  '1m': { name: '1m', persons: 1_000_000, cases: 300_000, staffPerOffice: 200, visits: 3_000_000, reminders: 1_000_000, auditEvents: 1_000_000 },
};
