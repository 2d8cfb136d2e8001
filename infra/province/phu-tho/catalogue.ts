import type { ProcedureInput } from '../catalogue-schema';

const PASC = '000.00.01.H45';
const JUSTICE = '000.00.12.H45';
const VIET_TRI = '000.31.01.H45';
const VINH_YEN = '000.31.02.H45';
const HA_HOA = '000.31.03.H45';
const VIET_TRI_POLICE = '000.30.01.H45';
const ID_CARD = { code: 'CCCD', name: 'Thẻ Căn cước / Căn cước công dân (xuất trình)', mandatory: true };

/** Seed catalogue (domain-research §f). Fees in VND. */
export const catalogue: ProcedureInput[] = [
  {
    id: '1.004194',
    name: 'Đăng ký tạm trú',
    sector: 'Đăng ký, quản lý cư trú',
    agencyId: VIET_TRI_POLICE,
    receivingAgencyIds: [VIET_TRI_POLICE, PASC],
    onlineMode: 'full',
    effectiveFrom: '2025-07-01',
    legalBasis: ['Luật Cư trú 2020', 'Nghị định 154/2024/NĐ-CP', 'Thông tư 75/2022/TT-BTC'],
    source: 'domain-research §f #10 [V]: 3 working days; 15,000 đ counter / 7,000 đ online',
    components: [
      { code: 'CT01', name: 'Tờ khai thay đổi thông tin cư trú (Mẫu CT01)', mandatory: true },
      { code: 'CHO_O', name: 'Giấy tờ, tài liệu chứng minh chỗ ở hợp pháp', mandatory: true },
    ],
    cases: [
      {
        id: 'standard',
        name: 'Đăng ký tạm trú',
        duration: { value: 3, unit: 'working_days' },
        fees: [
          { name: 'Lệ phí đăng ký cư trú', amount: 15000, channel: 'counter' },
          { name: 'Lệ phí đăng ký cư trú (trực tuyến)', amount: 7000, channel: 'online' },
        ],
        flowId: 'single-agency',
        stepHours: { reception: 2, appraisal: 12, approval: 6, delivery: 4 },
      },
    ],
  },
  {
    id: '1.004222',
    name: 'Đăng ký thường trú',
    sector: 'Đăng ký, quản lý cư trú',
    agencyId: VIET_TRI_POLICE,
    receivingAgencyIds: [VIET_TRI_POLICE, PASC],
    onlineMode: 'full',
    effectiveFrom: '2025-07-01',
    legalBasis: ['Luật Cư trú 2020, Điều 22', 'Thông tư 75/2022/TT-BTC'],
    source:
      'domain-research §f #9: fee [V] 20,000 đ counter / 10,000 đ online; 7 working days [R: Luật Cư trú 2020 Art.22]',
    components: [
      { code: 'CT01', name: 'Tờ khai thay đổi thông tin cư trú (Mẫu CT01)', mandatory: true },
      { code: 'CHO_O', name: 'Giấy tờ, tài liệu chứng minh chỗ ở hợp pháp', mandatory: true },
      {
        code: 'QUAN_HE',
        name: 'Giấy tờ chứng minh quan hệ nhân thân (nếu nhập hộ khẩu vào nhà người thân)',
        mandatory: false,
      },
    ],
    cases: [
      {
        id: 'standard',
        name: 'Đăng ký thường trú',
        duration: { value: 7, unit: 'working_days' },
        fees: [
          { name: 'Lệ phí đăng ký cư trú', amount: 20000, channel: 'counter' },
          { name: 'Lệ phí đăng ký cư trú (trực tuyến)', amount: 10000, channel: 'online' },
        ],
        flowId: 'single-agency',
        stepHours: { reception: 4, appraisal: 32, approval: 16, delivery: 4 },
      },
    ],
  },
  {
    id: '2.000488',
    name: 'Cấp Phiếu lý lịch tư pháp cho công dân Việt Nam, người nước ngoài đang cư trú tại Việt Nam',
    sector: 'Lý lịch tư pháp',
    agencyId: JUSTICE,
    receivingAgencyIds: [PASC],
    onlineMode: 'full',
    effectiveFrom: '2025-07-01',
    legalBasis: ['Luật Lý lịch tư pháp 2009, Điều 48', 'Thông tư 244/2016/TT-BTC'],
    source: 'domain-research §f #11 [V]: 10 days, 200,000 đ (seeder 69473521909)',
    components: [
      { code: 'TO_KHAI', name: 'Tờ khai yêu cầu cấp Phiếu lý lịch tư pháp (Mẫu 03/2013/TT-LLTP)', mandatory: true },
      ID_CARD,
      { code: 'CU_TRU', name: 'Giấy tờ chứng minh nơi cư trú', mandatory: false },
    ],
    cases: [
      {
        id: 'standard',
        name: 'Trường hợp thông thường',
        duration: { value: 10, unit: 'calendar_days' },
        fees: [{ name: 'Phí cung cấp thông tin lý lịch tư pháp', amount: 200000, channel: 'any' }],
        flowId: 'single-agency',
        stepHours: { reception: 4, appraisal: 40, approval: 8, delivery: 4 },
      },
    ],
  },
  {
    id: '2.000815',
    name: 'Chứng thực bản sao từ bản chính giấy tờ, văn bản do cơ quan có thẩm quyền cấp',
    sector: 'Chứng thực',
    agencyId: VIET_TRI,
    receivingAgencyIds: [VIET_TRI],
    onlineMode: 'partial',
    effectiveFrom: '2025-07-01',
    legalBasis: ['Nghị định 23/2015/NĐ-CP, Điều 20–21', 'Thông tư 226/2016/TT-BTC'],
    source: 'domain-research §f #6: same day, next working day after 15:00 [V]; 2,000 đ/page [R: TT 226/2016]',
    components: [
      { code: 'BAN_CHINH', name: 'Bản chính giấy tờ, văn bản làm cơ sở chứng thực', mandatory: true },
      { code: 'BAN_SAO', name: 'Bản sao cần chứng thực', mandatory: true },
    ],
    cases: [
      {
        id: 'same-day',
        name: 'Trong ngày (trước 15:00)',
        duration: { value: 0, unit: 'same_day' },
        fees: [{ name: 'Phí chứng thực bản sao (mỗi trang)', amount: 2000, channel: 'any' }],
        flowId: 'single-agency',
        stepHours: { reception: 1, appraisal: 1, approval: 1, delivery: 1 },
      },
    ],
  },
  {
    id: '1.001193',
    name: 'Đăng ký khai sinh',
    sector: 'Hộ tịch',
    agencyId: VINH_YEN,
    receivingAgencyIds: [VINH_YEN, VIET_TRI, HA_HOA],
    onlineMode: 'full',
    effectiveFrom: '2025-07-01',
    legalBasis: ['Luật Hộ tịch 2014, Điều 16', 'Nghị định 123/2015/NĐ-CP'],
    source: 'domain-research §f #1 [V]: same day, next working day after 15:00; free when registered on time',
    components: [
      { code: 'TO_KHAI', name: 'Tờ khai đăng ký khai sinh', mandatory: true },
      { code: 'CHUNG_SINH', name: 'Giấy chứng sinh', mandatory: true },
      { code: 'UY_QUYEN', name: 'Văn bản ủy quyền (nếu đăng ký thay)', mandatory: false },
    ],
    cases: [
      {
        id: 'on-time',
        name: 'Đăng ký đúng hạn',
        duration: { value: 0, unit: 'same_day' },
        fees: [],
        flowId: 'single-agency',
        stepHours: { reception: 1, appraisal: 2, approval: 1, delivery: 1 },
      },
    ],
  },
  {
    id: '1.009994',
    name: 'Cấp giấy phép xây dựng mới đối với nhà ở riêng lẻ',
    sector: 'Hoạt động xây dựng',
    agencyId: HA_HOA,
    receivingAgencyIds: [HA_HOA, PASC],
    onlineMode: 'partial',
    effectiveFrom: '2026-07-01',
    legalBasis: ['Luật Xây dựng 2014 (sửa đổi 2020)', 'Nghị định 217/2026/NĐ-CP'],
    source: 'domain-research §f #14 [S]: commune People’s Committee, 7 working days from 01/07/2026',
    components: [
      { code: 'DON', name: 'Đơn đề nghị cấp giấy phép xây dựng', mandatory: true },
      { code: 'QSDD', name: 'Giấy tờ chứng minh quyền sử dụng đất', mandatory: true },
      { code: 'BAN_VE', name: 'Bản vẽ thiết kế xây dựng', mandatory: true },
    ],
    cases: [
      {
        id: 'standard',
        name: 'Nhà ở riêng lẻ',
        duration: { value: 7, unit: 'working_days' },
        fees: [{ name: 'Lệ phí cấp giấy phép xây dựng (theo Nghị quyết HĐND tỉnh)', amount: 75000, channel: 'any' }],
        flowId: 'single-agency',
        stepHours: { reception: 4, appraisal: 32, approval: 16, delivery: 4 },
      },
    ],
  },
];
