import { completionStep, decisions, deliveryStep, receptionStep } from '../steps';

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
    receptionStep({
      name: 'Tiếp nhận hồ sơ liên thông tại Bộ phận Một cửa cấp xã',
      next: 'birth_registration',
      hours: 2,
    }),
    completionStep({ who: 'người yêu cầu', hours: 40 }),
    {
      id: 'birth_registration',
      name: 'Công chức tư pháp – hộ tịch đăng ký khai sinh, cấp số định danh cá nhân',
      role: 'specialist',
      agency: 'receiving',
      hours: 4,
      entryStatus: 'IN_PROGRESS',
      decisions: {
        register: { to: 'linked' },
        refuse: decisions.refuse,
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
        approve: decisions.approveResult,
        return: { to: 'birth_registration', noteRequired: true },
      },
    },
    deliveryStep({ name: 'Trả Giấy khai sinh, xác nhận thường trú và thẻ BHYT', hours: 2 }),
  ],
} as const;
