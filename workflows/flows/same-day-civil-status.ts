import { decisions, deliveryStep, receptionStep } from '../steps';

/**
 * Hộ tịch trong ngày tại cấp xã — civil-status services decided the day they are received (the next working day
 * after 15:00): the desk receives, the civil-status officer records, the commune's leader signs, the desk returns.
 * The step hours are short so that a late step shows the same day (Law on Civil Status 2014, Decree 120/2025).
 */
export const sameDayCivilStatus = {
  id: 'same-day-civil-status',
  version: 1,
  effectiveFrom: '2025-07-01',
  name: 'Hộ tịch, chứng thực trong ngày tại cấp xã',
  startStepId: 'reception',
  intakeStepId: 'recording',
  steps: [
    receptionStep({ name: 'Tiếp nhận, kiểm tra giấy tờ', next: 'recording', hours: 1, completion: false }),
    {
      id: 'recording',
      name: 'Công chức tư pháp – hộ tịch ghi sổ, in giấy tờ',
      role: 'specialist',
      agency: 'receiving',
      hours: 2,
      entryStatus: 'IN_PROGRESS',
      decisions: {
        propose: { to: 'signing' },
        refuse: decisions.refuse,
      },
    },
    {
      id: 'signing',
      name: 'Lãnh đạo UBND xã ký',
      role: 'leader',
      agency: 'receiving',
      hours: 1,
      decisions: {
        approve: decisions.approveResult,
        return: { to: 'recording', noteRequired: true },
      },
    },
    deliveryStep({ name: 'Trả kết quả trong ngày', hours: 1 }),
  ],
} as const;
