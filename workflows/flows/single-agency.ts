import { completionStep, decisions, deliveryStep, paymentStep, receptionStep, supplementStep } from '../steps';

/**
 * Một cơ quan — the single-agency flow: reception at the one-stop desk → appraisal by a specialist of the competent
 * agency (who may ask the applicant, once, for a supplement) → approval by its leader → result returned by the desk
 * (Decree 61/2018 Art.17–20; Decree 118/2025).
 */
export const singleAgency = {
  id: 'single-agency',
  version: 1,
  effectiveFrom: '2025-07-01',
  name: 'Một cơ quan: tiếp nhận → thẩm định → phê duyệt → trả kết quả',
  startStepId: 'reception',
  intakeStepId: 'appraisal',
  steps: [
    receptionStep({ name: 'Tiếp nhận hồ sơ tại Bộ phận Một cửa', next: 'appraisal' }),
    completionStep({ who: 'công dân' }),
    {
      id: 'appraisal',
      name: 'Thẩm định hồ sơ',
      role: 'specialist',
      agency: 'competent',
      hours: 8,
      entryStatus: 'IN_PROGRESS',
      decisions: {
        approve: { to: 'approval' },
        request_supplement: decisions.requestSupplement,
        // Fees, taxes or levies assessed for the result (e.g. land): status 6, the clock paused until proof of payment.
        request_payment: decisions.requestPayment,
        refuse: decisions.refuse,
      },
    },
    supplementStep({ who: 'công dân', back: 'appraisal' }),
    paymentStep({ name: 'Chờ thực hiện nghĩa vụ tài chính', next: 'approval' }),
    {
      id: 'approval',
      name: 'Phê duyệt, ký kết quả',
      role: 'leader',
      agency: 'competent',
      hours: 4,
      decisions: {
        approve: decisions.approveResult,
        return: { to: 'appraisal' },
      },
    },
    deliveryStep(),
  ],
} as const;
