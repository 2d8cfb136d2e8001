import { completionStep, decisions, deliveryStep, paymentStep, receptionStep, supplementStep } from '../steps';

/**
 * Đất đai có nghĩa vụ tài chính — the land registration office appraises, sends the cadastral information to the tax
 * authority and waits for its notice of financial obligation (its system answers as an integration client of its
 * agency; liên thông NVTC). The applicant then pays (status 6, the clock paused: Decree 101/2024 excludes the time of
 * the financial obligation). If the tax authority does not answer in time, the office follows up or sends again.
 */
export const landTax = {
  id: 'land-tax',
  version: 1,
  effectiveFrom: '2025-07-01',
  name: 'Đất đai: thẩm định → chuyển cơ quan thuế → thông báo nghĩa vụ tài chính → nộp → ký → trả kết quả',
  startStepId: 'reception',
  intakeStepId: 'appraisal',
  steps: [
    receptionStep({ name: 'Tiếp nhận hồ sơ đất đai tại Bộ phận Một cửa', next: 'appraisal' }),
    completionStep({ who: 'người sử dụng đất' }),
    {
      id: 'appraisal',
      name: 'Văn phòng đăng ký đất đai kiểm tra hồ sơ, lập phiếu chuyển thông tin địa chính',
      role: 'specialist',
      agency: 'competent',
      hours: 40,
      entryStatus: 'IN_PROGRESS',
      decisions: {
        send_to_tax: { to: 'tax_assessment' },
        request_supplement: decisions.requestSupplement,
        refuse: decisions.refuse,
      },
    },
    supplementStep({ who: 'người sử dụng đất', back: 'appraisal' }),
    {
      id: 'tax_assessment',
      name: 'Cơ quan thuế xác định nghĩa vụ tài chính',
      kind: 'external',
      role: 'integration',
      agency: { code: 'THUE' },
      // Circular 88/2024 inter-agency rules: the tax authority issues its notice within 5 working days.
      hours: 40,
      timeoutDecision: 'no_notice',
      decisions: {
        notice: { to: 'payment', status: 'AWAITING_FINANCIAL_OBLIGATION', noteRequired: true },
        exempt: { to: 'approval', noteRequired: true },
        no_notice: { to: 'tax_follow_up' },
      },
    },
    {
      id: 'tax_follow_up',
      name: 'Đôn đốc cơ quan thuế (quá hạn thông báo nghĩa vụ tài chính)',
      role: 'specialist',
      agency: 'competent',
      hours: 8,
      decisions: {
        resend: { to: 'tax_assessment', noteRequired: true },
        refuse: decisions.refuse,
      },
    },
    paymentStep({ name: 'Chờ người sử dụng đất nộp nghĩa vụ tài chính', next: 'approval' }),
    {
      id: 'approval',
      name: 'Lãnh đạo ký Giấy chứng nhận / xác nhận biến động',
      role: 'leader',
      agency: 'competent',
      hours: 24,
      decisions: {
        approve: decisions.approveResult,
        return: { to: 'appraisal', noteRequired: true },
      },
    },
    deliveryStep(),
  ],
} as const;
