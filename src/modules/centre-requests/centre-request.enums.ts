/** The two ways the metropolitan centre hands work to the ward (DOMAIN.md §2). */
export enum CentreRequestKind {
  /** 事案送致 (児童福祉法 第26条第1項第3号) */
  CaseTransfer = 'case_transfer',
  /** 指導措置委託 (第26条第1項第2号 / 第27条第1項第2号) */
  EntrustedGuidance = 'entrusted_guidance',
}

export const CENTRE_REQUEST_KIND_LABELS: Record<CentreRequestKind, string> = {
  [CentreRequestKind.CaseTransfer]: '事案送致',
  [CentreRequestKind.EntrustedGuidance]: '指導措置委託',
};

export const CENTRE_REQUEST_LEGAL_BASIS_LABELS: Record<CentreRequestKind, string> = {
  [CentreRequestKind.CaseTransfer]: '児童福祉法第26条第1項第3号',
  [CentreRequestKind.EntrustedGuidance]: '児童福祉法第26条第1項第2号・第27条第1項第2号',
};

export enum CentreRequestState {
  Received = 'received',
  Assigned = 'assigned',
  InProgress = 'in_progress',
  Lifted = 'lifted',
  Closed = 'closed',
}

export const CENTRE_REQUEST_STATE_LABELS: Record<CentreRequestState, string> = {
  [CentreRequestState.Received]: '受付',
  [CentreRequestState.Assigned]: '担当決定',
  [CentreRequestState.InProgress]: '対応中',
  [CentreRequestState.Lifted]: '措置解除',
  [CentreRequestState.Closed]: '終結',
};

export enum CentreRequestAction {
  Assign = 'assign',
  Start = 'start',
  Lift = 'lift',
  Close = 'close',
}

export enum ProgressReportState {
  Draft = 'draft',
  Submitted = 'submitted',
  Returned = 'returned',
  Approved = 'approved',
  Sent = 'sent',
}

export const PROGRESS_REPORT_STATE_LABELS: Record<ProgressReportState, string> = {
  [ProgressReportState.Draft]: '作成中',
  [ProgressReportState.Submitted]: '確認待ち',
  [ProgressReportState.Returned]: '差戻し',
  [ProgressReportState.Approved]: '確認済',
  [ProgressReportState.Sent]: '児相へ送付済',
};

export enum ProgressReportAction {
  Submit = 'submit',
  Approve = 'approve',
  Return = 'return',
  MarkSent = 'mark_sent',
}

/** History entries of an inbound request: its own steps and those of its progress reports. */
export const CENTRE_REQUEST_EVENT_LABELS: Record<string, string> = {
  record: '受付',
  update: '内容修正',
  [CentreRequestAction.Assign]: '担当決定',
  [CentreRequestAction.Start]: '対応開始',
  [CentreRequestAction.Lift]: '措置解除',
  [CentreRequestAction.Close]: '終結',
  report_create: '経過報告 作成',
  report_submit: '経過報告 確認依頼',
  report_approve: '経過報告 確認',
  report_return: '経過報告 差戻し',
  report_mark_sent: '経過報告 児相へ送付',
};
