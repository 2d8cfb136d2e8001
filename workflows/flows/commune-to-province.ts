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
    {
      id: 'reception',
      name: 'Tiếp nhận hồ sơ tại Bộ phận Một cửa cấp xã',
      role: 'receiver',
      agency: 'receiving',
      hours: 4,
      decisions: {
        accept: { to: 'verification', status: 'RECEIVED' },
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
      decisions: { supplement: { to: 'reception' }, lapse: { to: '$end', status: 'REFUSED' } },
    },
    {
      id: 'verification',
      name: 'Xác minh, đề xuất tại cấp xã',
      role: 'specialist',
      agency: 'receiving',
      hours: 16,
      entryStatus: 'IN_PROGRESS',
      decisions: {
        propose: { to: 'commune_approval' },
        request_supplement: { to: 'supplement', status: 'SUPPLEMENT_REQUESTED', noteRequired: true },
        refuse: { to: '$end', status: 'REFUSED', noteRequired: true },
      },
    },
    {
      id: 'supplement',
      name: 'Chờ công dân bổ sung hồ sơ',
      kind: 'applicant',
      role: 'citizen',
      agency: 'receiving',
      hours: 120,
      timeoutDecision: 'lapse',
      decisions: {
        supplement: { to: 'verification', status: 'IN_PROGRESS' },
        lapse: { to: '$end', status: 'REFUSED' },
      },
    },
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
        refuse: { to: '$end', status: 'REFUSED', noteRequired: true },
      },
    },
    {
      id: 'province_approval',
      name: 'Lãnh đạo cơ quan cấp tỉnh phê duyệt',
      role: 'leader',
      agency: 'competent',
      hours: 8,
      decisions: {
        approve: { to: 'delivery', status: 'RESULT_READY' },
        return: { to: 'province_appraisal', noteRequired: true },
      },
    },
    {
      id: 'delivery',
      name: 'Trả kết quả tại Bộ phận Một cửa cấp xã',
      role: 'receiver',
      agency: 'receiving',
      hours: 4,
      decisions: { deliver: { to: '$end', status: 'DELIVERED' } },
    },
  ],
} as const;
