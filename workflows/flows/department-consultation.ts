import { completionStep, decisions, deliveryStep, receptionStep, supplementStep } from '../steps';

/**
 * Lấy ý kiến các sở, ngành — the competent department appraises and asks other departments in parallel, each with
 * its own deadline; once all answered or lapsed (recorded late), the specialist synthesises and the leader decides.
 * The specialist may also forward the dossier to another agency for an opinion on a point of its competence.
 */
export const departmentConsultation = {
  id: 'department-consultation',
  version: 1,
  effectiveFrom: '2025-07-01',
  name: 'Một cửa tỉnh: thẩm định → lấy ý kiến song song các sở, ngành → tổng hợp → phê duyệt → trả kết quả',
  startStepId: 'reception',
  intakeStepId: 'appraisal',
  steps: [
    receptionStep({ name: 'Tiếp nhận hồ sơ tại Trung tâm Phục vụ hành chính công', next: 'appraisal' }),
    completionStep({ who: 'tổ chức, cá nhân' }),
    {
      id: 'appraisal',
      name: 'Thẩm định hồ sơ, dự thảo văn bản xin ý kiến',
      role: 'specialist',
      agency: 'competent',
      hours: 16,
      entryStatus: 'IN_PROGRESS',
      decisions: {
        consult: { to: 'consultation' },
        request_supplement: decisions.requestSupplement,
        refuse: decisions.refuse,
      },
    },
    supplementStep({ who: 'tổ chức, cá nhân', back: 'appraisal' }),
    {
      id: 'consultation',
      name: 'Lấy ý kiến các sở, ngành liên quan',
      kind: 'parallel',
      branches: [
        {
          id: 'opinion_construction',
          name: 'Ý kiến của Sở Xây dựng (quy hoạch, xây dựng)',
          role: 'specialist',
          agency: { code: 'SXD' },
          hours: 88,
        },
        {
          id: 'opinion_environment',
          name: 'Ý kiến của Sở Nông nghiệp và Môi trường (đất đai, môi trường)',
          role: 'specialist',
          agency: { code: 'SNNMT' },
          hours: 88,
        },
        {
          id: 'opinion_security',
          name: 'Ý kiến của Công an tỉnh (an ninh, phòng cháy chữa cháy)',
          role: 'specialist',
          agency: { code: 'CAT' },
          hours: 88,
        },
      ],
      next: 'synthesis',
    },
    {
      id: 'synthesis',
      name: 'Tổng hợp ý kiến, trình phê duyệt',
      role: 'specialist',
      agency: 'competent',
      hours: 16,
      decisions: {
        propose: { to: 'approval' },
        forward: { to: 'forwarded_opinion', chooseAgency: { kinds: ['department', 'police', 'vertical'] } },
        refuse: decisions.refuse,
      },
    },
    {
      id: 'forwarded_opinion',
      name: 'Cơ quan được chuyển hồ sơ cho ý kiến chuyên môn',
      role: 'specialist',
      agency: 'chosen',
      hours: 24,
      decisions: {
        answer: { to: 'synthesis', noteRequired: true },
      },
    },
    {
      id: 'approval',
      name: 'Lãnh đạo sở phê duyệt',
      role: 'leader',
      agency: 'competent',
      hours: 8,
      decisions: {
        approve: decisions.approveResult,
        return: { to: 'synthesis', noteRequired: true },
      },
    },
    deliveryStep(),
  ],
} as const;
