import { ageOn, japanDateOf, JapanDate } from '../../../common/time/japan-time';
import { ReferralPersonView, ReferralView } from '../dto/referral.view';
import { formatWarekiDate } from './wareki';

/** Escapes text for HTML element content and attribute values alike. */
export function escapeHtml(value: string | number | null | undefined): string {
  if (value === null || value === undefined) return '';
  return String(value)
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}

/** Nothing but inline styles: the document needs no script, font or image from anywhere. */
export const REFERRAL_DOCUMENT_CSP = "default-src 'none'; style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

const STYLE = `
@page { size: A4 portrait; margin: 18mm 16mm 18mm 20mm; }
* { box-sizing: border-box; }
html { font-family: "BIZ UDMincho", "Yu Mincho", "YuMincho", "Hiragino Mincho ProN", "MS Mincho", serif; font-size: 10.5pt; line-height: 1.6; color: #000; }
body { margin: 0; }
.sheet { width: 174mm; margin: 0 auto; }
@media screen {
  body { background: #e8e8e8; }
  .sheet { width: 210mm; min-height: 297mm; margin: 8mm auto; padding: 18mm 16mm 18mm 20mm; background: #fff; box-shadow: 0 0 3mm rgba(0, 0, 0, 0.25); }
}
.head { text-align: right; margin: 0; }
.addressee { margin: 6mm 0 2mm; font-size: 11.5pt; }
.sender { text-align: right; margin: 0 0 6mm; }
h1 { text-align: center; font-size: 16pt; font-weight: bold; letter-spacing: 0.6em; margin: 6mm 0; }
.preamble { text-indent: 1em; margin: 0 0 2mm; }
.ki { text-align: center; margin: 2mm 0 3mm; }
table { width: 100%; border-collapse: collapse; margin-bottom: 3mm; }
th, td { border: 0.5pt solid #000; padding: 1.2mm 2mm; vertical-align: top; text-align: left; font-weight: normal; }
th { background: #f0f0f0; white-space: nowrap; }
table.items > tbody > tr > th { width: 32mm; }
tr { break-inside: avoid; page-break-inside: avoid; }
.text { white-space: pre-wrap; overflow-wrap: anywhere; }
.kana { font-size: 8.5pt; }
.urgency { font-weight: bold; }
.none { color: #555; }
ul { margin: 0; padding-left: 5mm; }
.approval { width: auto; margin: 6mm 0 0 auto; }
.approval th, .approval td { text-align: center; min-width: 26mm; }
.approval td { height: 14mm; vertical-align: middle; }
.footer { margin-top: 6mm; font-size: 9pt; }
`;

export interface ReferralDocumentInput {
  referral: ReferralView;
  /** The ward's name on the sender line, e.g. 練馬区. */
  wardName: string;
}

/**
 * The 送致書 of an approved referral as a printable A4 HTML page, laid out
 * the way a Japanese administrative document is (date and addressee first,
 * 記 and numbered items, a decision box). Built only from the referral's
 * own record; every value is escaped.
 */
export function renderReferralDocument({ referral: r, wardName }: ReferralDocumentInput): string {
  if (!r.approvedAt) throw new Error('Only approved referrals have a 送致書');
  const approvedOn = japanDateOf(new Date(r.approvedAt));
  const issuedOn: JapanDate = r.sentOn ?? approvedOn;
  const text = (value: string | null) => (value ? `<div class="text">${escapeHtml(value)}</div>` : '<span class="none">（記載なし）</span>');
  const centre = r.centreName ?? '東京都児童相談センター';

  const children = r.children
    .map(
      (c) => `<tr>
        <td><span class="kana">${escapeHtml(c.nameKana)}</span><br>${escapeHtml(c.nameKanji)}</td>
        <td>${birthAndAge(c, issuedOn)}</td>
        <td>${escapeHtml(c.sexLabel)}</td>
        <td>${escapeHtml(c.relationshipLabel)}</td>
        <td class="text">${escapeHtml(c.address)}</td>
      </tr>`,
    )
    .join('');
  const guardians = r.guardians.length
    ? `<table><thead><tr><th>氏名</th><th>続柄</th><th>生年月日</th><th>住所</th></tr></thead><tbody>${r.guardians
        .map(
          (g) => `<tr>
        <td><span class="kana">${escapeHtml(g.nameKana)}</span><br>${escapeHtml(g.nameKanji)}</td>
        <td>${escapeHtml(g.relationshipLabel)}</td>
        <td>${birthAndAge(g, issuedOn)}</td>
        <td class="text">${escapeHtml(g.address)}</td>
      </tr>`,
        )
        .join('')}</tbody></table>`
    : '<span class="none">（記載なし）</span>';
  const measures = r.requestedMeasureLabels.length ? `<ul>${r.requestedMeasureLabels.map((m) => `<li>${escapeHtml(m)}</li>`).join('')}</ul>` : '';
  const attachments = r.attachments.length
    ? `<ul>${r.attachments.map((a) => `<li>${escapeHtml(a.title)}${a.note ? `（${escapeHtml(a.note)}）` : ''}</li>`).join('')}</ul>`
    : '<span class="none">なし</span>';
  const sent = r.sentOn
    ? `<p>送致日：${escapeHtml(formatWarekiDate(r.sentOn))}　送付方法：${escapeHtml(r.sendMethodLabel)}　児童相談センター担当：${escapeHtml(r.centreContact)}</p>`
    : '';

  return `<!DOCTYPE html>
<html lang="ja">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>児童送致書 ${escapeHtml(r.caseNumber)}</title>
<style>${STYLE}</style>
</head>
<body>
<main class="sheet">
<p class="head">ケース番号 ${escapeHtml(r.caseNumber)}<br>${escapeHtml(formatWarekiDate(issuedOn))}</p>
<p class="addressee">${escapeHtml(centre)}所長　殿</p>
<p class="sender">${escapeHtml(wardName)}　${escapeHtml(r.officeName)}所長</p>
<h1>児童送致書</h1>
<p class="preamble">児童福祉法第25条の7第1項第1号の規定により、下記のとおり児童を送致します。</p>
<p class="ki">記</p>
<table class="items"><tbody>
<tr><th>1　対象児童</th><td>
<table><thead><tr><th>氏名</th><th>生年月日（年齢）</th><th>性別</th><th>続柄</th><th>住所</th></tr></thead><tbody>${children}</tbody></table>
</td></tr>
<tr><th>2　保護者</th><td>${guardians}</td></tr>
<tr><th>3　送致の根拠</th><td>${escapeHtml(r.legalBasisLabel)}</td></tr>
<tr><th>4　送致の理由</th><td>${text(r.reason)}</td></tr>
<tr><th>5　これまでの<br>支援経過</th><td>${text(r.supportHistory)}</td></tr>
<tr><th>6　現在のリスク</th><td><p class="urgency">緊急度：${escapeHtml(r.urgencyLabel)}</p>${text(r.riskSummary)}</td></tr>
<tr><th>7　直近の<br>アセスメント</th><td>${r.latestAssessmentOn ? `<p>実施日：${escapeHtml(formatWarekiDate(r.latestAssessmentOn))}</p>` : ''}${text(r.latestAssessment)}</td></tr>
<tr><th>8　児童相談センター<br>に求める対応</th><td>${measures}${r.requestDetails ? text(r.requestDetails) : ''}</td></tr>
<tr><th>9　添付資料</th><td>${attachments}</td></tr>
</tbody></table>
<table class="approval"><thead><tr><th>起案者</th><th>決裁者</th><th>決裁日</th></tr></thead>
<tbody><tr><td>${escapeHtml(r.authorName)}</td><td>${escapeHtml(r.approverName)}</td><td>${escapeHtml(formatWarekiDate(approvedOn))}</td></tr></tbody></table>
<div class="footer">
${sent}
<p>照会先：${escapeHtml(wardName)}　${escapeHtml(r.officeName)}　担当 ${escapeHtml(r.authorName)}</p>
</div>
</main>
</body>
</html>
`;
}

function birthAndAge(person: ReferralPersonView, on: JapanDate): string {
  if (!person.birthDate) return '不詳';
  const age = person.birthDate <= on ? `（${ageOn(person.birthDate, on)}歳）` : '';
  return `${escapeHtml(formatWarekiDate(person.birthDate))}${age}`;
}
