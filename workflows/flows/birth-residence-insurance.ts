/**
 * Liên thông khai sinh – đăng ký thường trú – cấp thẻ BHYT cho trẻ dưới 6 tuổi (Decree 63/2024/NĐ-CP): one dossier
 * at the commune; the civil-status officer registers the birth, then the police of the commune where the child will
 * live and the social-insurance agency act at the same time, each against its own deadline; the commune's leader
 * signs and the desk returns every result together.
 */
export const birthResidenceInsurance = {
  id: 'birth-residence-insurance',
  version: 1,
  effectiveFrom: '2024-07-01',
  name: 'Liên thông khai sinh, thường trú, thẻ BHYT trẻ dưới 6 tuổi (Nghị định 63/2024)',
  startStepId: 'reception',
  intakeStepId: 'birth_registration',
  steps: [
    {
      id: 'reception',
      name: 'Tiếp nhận hồ sơ liên thông tại Bộ phận Một cửa cấp xã',
      role: 'receiver',
      agency: 'receiving',
      hours: 2,
      decisions: {
        accept: { to: 'birth_registration', status: 'RECEIVED' },
        request_completion: { to: 'completion', noteRequired: true },
        refuse: { to: '$end', status: 'REFUSED', noteRequired: true },
      },
    },
    {
      id: 'completion',
      name: 'Chờ người yêu cầu hoàn thiện hồ sơ',
      kind: 'applicant',
      role: 'citizen',
      agency: 'receiving',
      hours: 40,
      timeoutDecision: 'lapse',
      decisions: { supplement: { to: 'reception' }, lapse: { to: '$end', status: 'REFUSED' } },
    },
    {
      id: 'birth_registration',
      name: 'Công chức tư pháp – hộ tịch đăng ký khai sinh, cấp số định danh cá nhân',
      role: 'specialist',
      agency: 'receiving',
      hours: 4,
      entryStatus: 'IN_PROGRESS',
      decisions: {
        register: { to: 'linked' },
        refuse: { to: '$end', status: 'REFUSED', noteRequired: true },
      },
    },
    {
      id: 'linked',
      name: 'Thực hiện liên thông đăng ký thường trú và cấp thẻ BHYT',
      kind: 'parallel',
      branches: [
        {
          id: 'residence',
          name: 'Công an cấp xã đăng ký thường trú cho trẻ',
          role: 'specialist',
          agency: { kind: 'police', unitOf: 'applicant' },
          hours: 8,
          decisions: { registered: {}, refused: { noteRequired: true } },
        },
        {
          id: 'health_card',
          name: 'Cơ quan BHXH cấp thẻ BHYT cho trẻ dưới 6 tuổi',
          role: 'specialist',
          agency: { code: 'BHXH' },
          hours: 8,
          decisions: { issued: {}, refused: { noteRequired: true } },
        },
      ],
      next: 'signing',
    },
    {
      id: 'signing',
      name: 'Lãnh đạo UBND xã ký Giấy khai sinh',
      role: 'leader',
      agency: 'receiving',
      hours: 4,
      decisions: {
        approve: { to: 'delivery', status: 'RESULT_READY' },
        return: { to: 'birth_registration', noteRequired: true },
      },
    },
    {
      id: 'delivery',
      name: 'Trả Giấy khai sinh, xác nhận thường trú và thẻ BHYT',
      role: 'receiver',
      agency: 'receiving',
      hours: 2,
      decisions: { deliver: { to: '$end', status: 'DELIVERED' } },
    },
  ],
} as const;
