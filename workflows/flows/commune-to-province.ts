import { completionStep, decisions, deliveryStep, receptionStep, supplementStep } from '../steps';

/**
 * Liên thông cấp xã → cấp tỉnh — the commune receives and verifies (e.g. confirms the facts on its territory), its
 * leader forwards the dossier to the province department competent for the procedure, which appraises and decides;
 * the result goes back to the commune's desk. The department may return the dossier to the commune for a fuller
 * verification. (Decree 61/2018 Art.21 as amended by Decree 107/2021 and Decree 118/2025: inter-level procedures.)
 */
export const communeToProvince = {
  id: 'commune-to-province',
  version: 1,
  effectiveFrom: '2025-07-01',
  name: 'Liên thông xã → tỉnh: tiếp nhận, xác minh tại xã → thẩm định, phê duyệt tại sở → trả kết quả tại xã',
  startStepId: 'reception',
  intakeStepId: 'verification',
  steps: [
    receptionStep({ name: 'Tiếp nhận hồ sơ tại Bộ phận Một cửa cấp xã', next: 'verification' }),
    completionStep({ who: 'công dân' }),
    {
      id: 'verification',
      name: 'Xác minh, đề xuất tại cấp xã',
      role: 'specialist',
      agency: 'receiving',
      hours: 16,
      entryStatus: 'IN_PROGRESS',
      decisions: {
        propose: { to: 'commune_approval' },
        request_supplement: decisions.requestSupplement,
        refuse: decisions.refuse,
      },
    },
    supplementStep({ who: 'công dân', back: 'verification' }),
    {
      id: 'commune_approval',
      name: 'Lãnh đạo UBND xã ký tờ trình, chuyển hồ sơ lên cấp tỉnh',
      role: 'leader',
      agency: 'receiving',
      hours: 8,
      decisions: {
        forward: { to: 'province_appraisal' },
        return: { to: 'verification', noteRequired: true },
      },
    },
    {
      id: 'province_appraisal',
      name: 'Thẩm định hồ sơ tại cơ quan cấp tỉnh',
      role: 'specialist',
      agency: 'competent',
      hours: 24,
      decisions: {
        approve: { to: 'province_approval' },
        return_to_commune: { to: 'verification', noteRequired: true },
        refuse: decisions.refuse,
      },
    },
    {
      id: 'province_approval',
      name: 'Lãnh đạo cơ quan cấp tỉnh phê duyệt',
      role: 'leader',
      agency: 'competent',
      hours: 8,
      decisions: {
        approve: decisions.approveResult,
        return: { to: 'province_appraisal', noteRequired: true },
      },
    },
    deliveryStep({ name: 'Trả kết quả tại Bộ phận Một cửa cấp xã' }),
  ],
} as const;
