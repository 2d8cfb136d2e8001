import type { ProvinceInput } from '../schema';

const MOHA_2026 = 'Thông báo 9441/TB-BNV ngày 16/10/2025 của Bộ Nội vụ (lịch nghỉ Tết Âm lịch và Quốc khánh 2026)';
const MOLISA_2025 =
  'Thông báo 6150/TB-LĐTBXH ngày 26/11/2024 của Bộ LĐ-TB&XH (lịch nghỉ Tết Âm lịch, 30/4–1/5, Quốc khánh 2025)';
const VPCP_2026_NEW_YEAR =
  'Công văn 12729/VPCP-KGVX ngày 25/12/2025 của Văn phòng Chính phủ (nghỉ Tết Dương lịch 2026)';
const LABOUR_CODE = 'Bộ luật Lao động 2019, Điều 112 (ngày nghỉ lễ, Tết; nghỉ bù khi trùng ngày nghỉ hằng tuần)';

/**
 * Tỉnh Phú Thọ after the 2025 reorganisation (Resolution 202/2025/QH15: Phú Thọ + Vĩnh Phúc + Hòa Bình; two-level
 * local government from 01/07/2025). Agency identifiers follow the shape of Circular 10/2016/TT-BTTTT.
 */
export const phuTho: ProvinceInput = {
  id: 'phu-tho',
  name: 'Tỉnh Phú Thọ',
  timeZone: 'Asia/Ho_Chi_Minh',
  officeHours: {
    sessions: [
      { start: '07:00', end: '11:30' },
      { start: '13:30', end: '17:00' },
    ],
    saturdayMorning: false,
  },
  units: [
    { id: 'PT', name: 'Tỉnh Phú Thọ', kind: 'province', parentId: null, validFrom: '2025-07-01' },
    { id: 'PT-VIET-TRI', name: 'Phường Việt Trì', kind: 'ward', parentId: 'PT', validFrom: '2025-07-01' },
    { id: 'PT-VINH-YEN', name: 'Phường Vĩnh Yên', kind: 'ward', parentId: 'PT', validFrom: '2025-07-01' },
    { id: 'PT-HA-HOA', name: 'Xã Hạ Hòa', kind: 'commune', parentId: 'PT', validFrom: '2025-07-01' },
  ],
  agencies: [
    {
      id: '000.00.01.H45',
      code: 'PASC',
      name: 'Trung tâm Phục vụ hành chính công tỉnh Phú Thọ',
      kind: 'pasc',
      unitId: 'PT',
      officeHours: {
        sessions: [
          { start: '07:00', end: '11:30' },
          { start: '13:30', end: '17:00' },
        ],
        saturdayMorning: true,
      },
    },
    {
      id: '000.00.12.H45',
      code: 'STP',
      name: 'Sở Tư pháp tỉnh Phú Thọ',
      kind: 'department',
      unitId: 'PT',
      email: 'motcua.stp@phutho.gov.vn',
    },
    { id: '000.00.15.H45', code: 'SXD', name: 'Sở Xây dựng tỉnh Phú Thọ', kind: 'department', unitId: 'PT' },
    {
      id: '000.00.21.H45',
      code: 'SNNMT',
      name: 'Sở Nông nghiệp và Môi trường tỉnh Phú Thọ',
      kind: 'department',
      unitId: 'PT',
    },
    { id: '000.00.30.H45', code: 'CAT', name: 'Công an tỉnh Phú Thọ', kind: 'police', unitId: 'PT' },
    {
      id: '000.00.06.H45',
      code: 'STC',
      name: 'Sở Tài chính tỉnh Phú Thọ',
      kind: 'department',
      unitId: 'PT',
      email: 'motcua.stc@phutho.gov.vn',
    },
    {
      id: '000.00.16.H45',
      code: 'SVHTTDL',
      name: 'Sở Văn hóa, Thể thao và Du lịch tỉnh Phú Thọ',
      kind: 'department',
      unitId: 'PT',
    },
    { id: '000.00.18.H45', code: 'SYT', name: 'Sở Y tế tỉnh Phú Thọ', kind: 'department', unitId: 'PT' },
    { id: '000.00.22.H45', code: 'SNV', name: 'Sở Nội vụ tỉnh Phú Thọ', kind: 'department', unitId: 'PT' },
    {
      id: '000.21.01.H45',
      code: 'VPDKDD',
      name: 'Văn phòng Đăng ký đất đai tỉnh Phú Thọ',
      kind: 'department',
      parentId: '000.00.21.H45',
      unitId: 'PT',
      email: 'vpdkdd@phutho.gov.vn',
    },
    { id: '000.50.01.H45', code: 'THUE', name: 'Thuế tỉnh Phú Thọ', kind: 'vertical', unitId: 'PT' },
    { id: '000.51.01.H45', code: 'BHXH', name: 'Bảo hiểm xã hội tỉnh Phú Thọ', kind: 'vertical', unitId: 'PT' },
    {
      id: '000.31.01.H45',
      code: 'UBND-VIET-TRI',
      name: 'UBND phường Việt Trì',
      kind: 'commune',
      unitId: 'PT-VIET-TRI',
    },
    {
      id: '000.31.02.H45',
      code: 'UBND-VINH-YEN',
      name: 'UBND phường Vĩnh Yên',
      kind: 'commune',
      unitId: 'PT-VINH-YEN',
    },
    { id: '000.31.03.H45', code: 'UBND-HA-HOA', name: 'UBND xã Hạ Hòa', kind: 'commune', unitId: 'PT-HA-HOA' },
    {
      id: '000.30.01.H45',
      code: 'CA-VIET-TRI',
      name: 'Công an phường Việt Trì',
      kind: 'police',
      parentId: '000.00.30.H45',
      unitId: 'PT-VIET-TRI',
    },
    {
      id: '000.30.02.H45',
      code: 'CA-VINH-YEN',
      name: 'Công an phường Vĩnh Yên',
      kind: 'police',
      parentId: '000.00.30.H45',
      unitId: 'PT-VINH-YEN',
    },
    {
      id: '000.30.03.H45',
      code: 'CA-HA-HOA',
      name: 'Công an xã Hạ Hòa',
      kind: 'police',
      parentId: '000.00.30.H45',
      unitId: 'PT-HA-HOA',
    },
  ],
  holidays: [
    { date: '2025-01-01', name: 'Tết Dương lịch', source: LABOUR_CODE },
    { date: '2025-01-27', name: 'Tết Nguyên đán Ất Tỵ (hoán đổi)', source: MOLISA_2025 },
    { date: '2025-01-28', name: 'Tết Nguyên đán Ất Tỵ', source: MOLISA_2025 },
    { date: '2025-01-29', name: 'Tết Nguyên đán Ất Tỵ', source: MOLISA_2025 },
    { date: '2025-01-30', name: 'Tết Nguyên đán Ất Tỵ', source: MOLISA_2025 },
    { date: '2025-01-31', name: 'Tết Nguyên đán Ất Tỵ', source: MOLISA_2025 },
    { date: '2025-04-07', name: 'Giỗ Tổ Hùng Vương (10/3 âm lịch)', source: LABOUR_CODE },
    { date: '2025-04-30', name: 'Ngày Chiến thắng', source: MOLISA_2025 },
    { date: '2025-05-01', name: 'Ngày Quốc tế Lao động', source: MOLISA_2025 },
    { date: '2025-05-02', name: 'Nghỉ hoán đổi dịp 30/4–1/5', source: MOLISA_2025 },
    { date: '2025-09-01', name: 'Quốc khánh (ngày liền kề)', source: MOLISA_2025 },
    { date: '2025-09-02', name: 'Quốc khánh', source: MOLISA_2025 },
    { date: '2026-01-01', name: 'Tết Dương lịch', source: VPCP_2026_NEW_YEAR },
    { date: '2026-01-02', name: 'Nghỉ hoán đổi Tết Dương lịch', source: VPCP_2026_NEW_YEAR },
    { date: '2026-02-16', name: 'Tết Nguyên đán Bính Ngọ (29 tháng Chạp)', source: MOHA_2026 },
    { date: '2026-02-17', name: 'Tết Nguyên đán Bính Ngọ (mùng 1)', source: MOHA_2026 },
    { date: '2026-02-18', name: 'Tết Nguyên đán Bính Ngọ (mùng 2)', source: MOHA_2026 },
    { date: '2026-02-19', name: 'Tết Nguyên đán Bính Ngọ (mùng 3)', source: MOHA_2026 },
    { date: '2026-02-20', name: 'Tết Nguyên đán Bính Ngọ (mùng 4)', source: MOHA_2026 },
    { date: '2026-04-27', name: 'Nghỉ bù Giỗ Tổ Hùng Vương (26/4 là Chủ nhật)', source: LABOUR_CODE },
    { date: '2026-04-30', name: 'Ngày Chiến thắng', source: LABOUR_CODE },
    { date: '2026-05-01', name: 'Ngày Quốc tế Lao động', source: LABOUR_CODE },
    { date: '2026-09-01', name: 'Quốc khánh (ngày liền kề)', source: MOHA_2026 },
    { date: '2026-09-02', name: 'Quốc khánh', source: MOHA_2026 },
    { date: '2027-01-01', name: 'Tết Dương lịch', source: LABOUR_CODE },
    { date: '2027-02-05', name: 'Tết Nguyên đán Đinh Mùi (30 tháng Chạp)', source: LABOUR_CODE },
    { date: '2027-02-08', name: 'Nghỉ bù mùng 1 Tết (trùng thứ Bảy)', source: LABOUR_CODE },
    { date: '2027-02-09', name: 'Nghỉ bù mùng 2 Tết (trùng Chủ nhật)', source: LABOUR_CODE },
    { date: '2027-02-10', name: 'Tết Nguyên đán Đinh Mùi (mùng 5)', source: LABOUR_CODE },
    { date: '2027-02-11', name: 'Tết Nguyên đán Đinh Mùi (mùng 6)', source: LABOUR_CODE },
    { date: '2027-04-16', name: 'Giỗ Tổ Hùng Vương (10/3 âm lịch)', source: LABOUR_CODE },
    { date: '2027-04-30', name: 'Ngày Chiến thắng', source: LABOUR_CODE },
    { date: '2027-05-03', name: 'Nghỉ bù Ngày Quốc tế Lao động (trùng thứ Bảy)', source: LABOUR_CODE },
    { date: '2027-09-02', name: 'Quốc khánh', source: LABOUR_CODE },
    { date: '2027-09-03', name: 'Quốc khánh (ngày liền kề)', source: LABOUR_CODE },
  ],
  compensatoryWorkingDays: [
    { date: '2025-02-08', name: 'Làm bù cho thứ Hai 27/01/2025', source: MOLISA_2025 },
    { date: '2025-04-26', name: 'Làm bù cho thứ Sáu 02/05/2025', source: MOLISA_2025 },
    { date: '2026-01-10', name: 'Làm bù cho thứ Sáu 02/01/2026', source: VPCP_2026_NEW_YEAR },
  ],
  uploads: {
    maxBytes: 20 * 1024 * 1024,
    allowedContentTypes: ['application/pdf', 'image/jpeg', 'image/png', 'application/xml'],
  },
  notifications: {
    fromEmail: 'motcua@phutho.gov.vn',
    lookupUrl: 'https://dichvucong.phutho.gov.vn/tra-cuu?ma={code}',
  },
  frontEndOrigins: ['https://dichvucong.phutho.gov.vn'],
};
