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
    {
      id: 'reception',
      name: 'Tiếp nhận, kiểm tra giấy tờ',
      role: 'receiver',
      agency: 'receiving',
      hours: 1,
      decisions: {
        accept: { to: 'recording', status: 'RECEIVED' },
        refuse: { to: '$end', status: 'REFUSED', noteRequired: true },
      },
    },
    {
      id: 'recording',
      name: 'Công chức tư pháp – hộ tịch ghi sổ, in giấy tờ',
      role: 'specialist',
      agency: 'receiving',
      hours: 2,
      entryStatus: 'IN_PROGRESS',
      decisions: {
        propose: { to: 'signing' },
        refuse: { to: '$end', status: 'REFUSED', noteRequired: true },
      },
    },
    {
      id: 'signing',
      name: 'Lãnh đạo UBND xã ký',
      role: 'leader',
      agency: 'receiving',
      hours: 1,
      decisions: {
        approve: { to: 'delivery', status: 'RESULT_READY' },
        return: { to: 'recording', noteRequired: true },
      },
    },
    {
      id: 'delivery',
      name: 'Trả kết quả trong ngày',
      role: 'receiver',
      agency: 'receiving',
      hours: 1,
      decisions: { deliver: { to: '$end', status: 'DELIVERED' } },
    },
  ],
} as const;
