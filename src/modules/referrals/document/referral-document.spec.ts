import { MemberRelationship } from '../../cases/entities/case-member.entity';
import { Sex } from '../../persons/person.entity';
import { ReferralView } from '../dto/referral.view';
import { ReferralLegalBasis, ReferralRequestedMeasure, ReferralSendMethod, ReferralState, ReferralUrgency } from '../referral.enums';
import { escapeHtml, renderReferralDocument } from './referral-document';

const HOSTILE = '<script>alert("x")</script>&\'';

function approvedReferral(overrides: Partial<ReferralView> = {}): ReferralView {
  return {
    id: 'r1',
    caseId: 'c1',
    caseNumber: 'R8-0012',
    officeId: 'o1',
    officeName: '練馬子ども家庭支援センター',
    authorId: 'u1',
    authorName: '相談 陽菜',
    state: ReferralState.Approved,
    stateLabel: '決裁済',
    urgency: ReferralUrgency.A,
    urgencyLabel: 'A（一時保護等の早急な対応を要する）',
    urgent: true,
    legalBasis: ReferralLegalBasis.Measures,
    legalBasisLabel: '児童福祉法第25条の7第1項第1号（第27条の措置を要すると認める児童）',
    requestedMeasures: [ReferralRequestedMeasure.TemporaryProtection],
    requestedMeasureLabels: ['一時保護'],
    reason: '顔面に複数のあざ。\n本児は「家に帰りたくない」と話す。',
    supportHistory: '令和7年から見守り訪問',
    riskSummary: '再発のおそれが高い',
    latestAssessment: '東京都共通リスクアセスメントシートで重度',
    latestAssessmentOn: '2026-05-10',
    requestDetails: null,
    attachments: [{ title: 'リスクアセスメントシート', note: '写し' }],
    children: [
      { personId: 'p1', nameKanji: '練馬 一郎', nameKana: 'ネリマ イチロウ', birthDate: '2019-06-01', sex: Sex.Male, sexLabel: '男', relationship: MemberRelationship.Child, relationshipLabel: '子', address: '練馬区豊玉北6-12-1' },
    ],
    guardians: [
      { personId: 'p2', nameKanji: '練馬 花子', nameKana: 'ネリマ ハナコ', birthDate: '1990-01-15', sex: Sex.Female, sexLabel: '女', relationship: MemberRelationship.Mother, relationshipLabel: '母', address: null },
    ],
    submissionCount: 1,
    submittedAt: new Date('2026-05-11T01:00:00Z'),
    approvedBy: 'u2',
    approverName: '係長 早苗',
    approvedAt: new Date('2026-05-12T02:00:00Z'),
    sentOn: null,
    sendMethod: null,
    sendMethodLabel: null,
    centreName: null,
    centreContact: null,
    answeredOn: null,
    centreCaseNumber: null,
    declineReason: null,
    closedAt: null,
    closeReason: null,
    allowedActions: [],
    version: 3,
    createdAt: new Date('2026-05-10T00:00:00Z'),
    updatedAt: new Date('2026-05-12T02:00:00Z'),
    ...overrides,
  };
}

describe('renderReferralDocument (送致書)', () => {
  it('carries the approved content, the approver and the approval date in the Japanese calendar', () => {
    const html = renderReferralDocument({ referral: approvedReferral(), wardName: '練馬区' });
    expect(html).toMatch(/^<!DOCTYPE html>/);
    expect(html).toContain('<html lang="ja">');
    expect(html).toContain('@page { size: A4 portrait;');
    expect(html).toContain('児童送致書');
    expect(html).toContain('東京都児童相談センター所長　殿');
    expect(html).toContain('練馬区　練馬子ども家庭支援センター所長');
    expect(html).toContain('練馬 一郎');
    expect(html).toContain('令和元年6月1日（6歳）');
    expect(html).toContain('練馬 花子');
    expect(html).toContain('第27条の措置を要すると認める児童');
    expect(html).toContain('顔面に複数のあざ。\n本児は「家に帰りたくない」と話す。');
    expect(html).toContain('一時保護');
    expect(html).toContain('リスクアセスメントシート（写し）');
    expect(html).toContain('<td>係長 早苗</td>');
    expect(html).toContain('令和8年5月12日');
    expect(html).toContain('実施日：令和8年5月10日');
  });

  it('dates a sent referral by its sending date and names how it went', () => {
    const html = renderReferralDocument({
      referral: approvedReferral({ state: ReferralState.Sent, sentOn: '2026-05-14', sendMethod: ReferralSendMethod.HandDelivery, sendMethodLabel: '持参', centreName: '東京都杉並児童相談所', centreContact: '児童福祉司 田中' }),
      wardName: '練馬区',
    });
    expect(html).toContain('ケース番号 R8-0012<br>令和8年5月14日');
    expect(html).toContain('東京都杉並児童相談所所長　殿');
    expect(html).toContain('送付方法：持参');
    expect(html).toContain('児童福祉司 田中');
  });

  it('escapes every value taken from the record', () => {
    const html = renderReferralDocument({
      referral: approvedReferral({
        caseNumber: HOSTILE,
        officeName: HOSTILE,
        authorName: HOSTILE,
        approverName: HOSTILE,
        reason: HOSTILE,
        supportHistory: HOSTILE,
        riskSummary: HOSTILE,
        latestAssessment: HOSTILE,
        requestDetails: HOSTILE,
        attachments: [{ title: HOSTILE, note: HOSTILE }],
        children: [{ ...approvedReferral().children[0], nameKanji: HOSTILE, nameKana: HOSTILE, address: HOSTILE }],
        guardians: [{ ...approvedReferral().guardians[0], nameKanji: HOSTILE, address: HOSTILE }],
      }),
      wardName: '練馬区',
    });
    expect(html).not.toContain('<script>');
    expect(html).not.toContain('"x"');
    expect(html.split('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;&amp;&#39;').length - 1).toBeGreaterThanOrEqual(14);
  });

  it('refuses a referral that has not been approved', () => {
    expect(() => renderReferralDocument({ referral: approvedReferral({ approvedAt: null }), wardName: '練馬区' })).toThrow();
  });

  it('escapeHtml covers the five special characters', () => {
    expect(escapeHtml(`<a href="x">'&'</a>`)).toBe('&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;');
    expect(escapeHtml(null)).toBe('');
  });
});
