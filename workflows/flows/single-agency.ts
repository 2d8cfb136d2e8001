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
    {
      id: 'reception',
      name: 'Tiếp nhận hồ sơ tại Bộ phận Một cửa',
      role: 'receiver',
      agency: 'receiving',
      hours: 4,
      decisions: {
        accept: { to: 'appraisal', status: 'RECEIVED' },
        // Incomplete: one notice listing everything missing; the clock does not start (Decree 61/2018 Art.17.2).
        request_completion: { to: 'completion', noteRequired: true },
        refuse: { to: '$end', status: 'REFUSED', noteRequired: true },
      },
    },
    {
      id: 'completion',
      name: 'Chờ công dân hoàn thiện hồ sơ',
      kind: 'applicant',
      role: 'citizen',
      agency: 'receiving',
      hours: 120,
      timeoutDecision: 'lapse',
      decisions: {
        supplement: { to: 'reception' },
        lapse: { to: '$end', status: 'REFUSED' },
      },
    },
    {
      id: 'appraisal',
      name: 'Thẩm định hồ sơ',
      role: 'specialist',
      agency: 'competent',
      hours: 8,
      entryStatus: 'IN_PROGRESS',
      decisions: {
        approve: { to: 'approval' },
        request_supplement: { to: 'supplement', status: 'SUPPLEMENT_REQUESTED', noteRequired: true },
        // Fees, taxes or levies assessed for the result (e.g. land): status 6, the clock paused until proof of payment.
        request_payment: { to: 'payment', status: 'AWAITING_FINANCIAL_OBLIGATION', noteRequired: true },
        refuse: { to: '$end', status: 'REFUSED', noteRequired: true },
      },
    },
    {
      id: 'supplement',
      name: 'Chờ công dân bổ sung hồ sơ',
      kind: 'applicant',
      role: 'citizen',
      agency: 'receiving',
      // Thời hạn bổ sung: 15 working days for the applicant, after which the dossier ends refused.
      hours: 120,
      timeoutDecision: 'lapse',
      decisions: {
        supplement: { to: 'appraisal', status: 'IN_PROGRESS' },
        lapse: { to: '$end', status: 'REFUSED' },
      },
    },
    {
      id: 'payment',
      name: 'Chờ thực hiện nghĩa vụ tài chính',
      kind: 'applicant',
      role: 'citizen',
      agency: 'receiving',
      // 30 working days to pay and send the proof; after that the agency stops processing the dossier.
      hours: 240,
      timeoutDecision: 'lapse',
      decisions: {
        paid: { to: 'approval', status: 'IN_PROGRESS' },
        lapse: { to: '$end', status: 'STOPPED' },
      },
    },
    {
      id: 'approval',
      name: 'Phê duyệt, ký kết quả',
      role: 'leader',
      agency: 'competent',
      hours: 4,
      decisions: {
        approve: { to: 'delivery', status: 'RESULT_READY' },
        return: { to: 'appraisal' },
      },
    },
    {
      id: 'delivery',
      name: 'Trả kết quả',
      role: 'receiver',
      agency: 'receiving',
      hours: 4,
      decisions: {
        deliver: { to: '$end', status: 'DELIVERED' },
      },
    },
  ],
} as const;
