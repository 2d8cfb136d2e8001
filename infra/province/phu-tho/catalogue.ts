import type { ProcedureInput } from '../catalogue-schema';

const PASC = '000.00.01.H45';
const FINANCE = '000.00.06.H45';
const LAND_OFFICE = '000.21.01.H45';
const AGRI_ENV = '000.00.21.H45';
const JUSTICE = '000.00.12.H45';
const VIET_TRI = '000.31.01.H45';
const VINH_YEN = '000.31.02.H45';
const HA_HOA = '000.31.03.H45';
const VIET_TRI_POLICE = '000.30.01.H45';
const COMMUNES = [VIET_TRI, VINH_YEN, HA_HOA];
const ID_CARD = { code: 'CCCD', name: 'Thẻ Căn cước / Căn cước công dân (xuất trình)', mandatory: true };
/**
 * Where the national codes below were checked: a public dataset of test cases that asserts procedure codes against
 * a crawl of the National Public Service Portal (dichvucong.gov.vn), and a land registration office's published
 * list of codes. Tagged [S] (secondary source): confirm on dichvucong.gov.vn before a province goes live.
 */
const CODE_SOURCE = 'code [S]: DVCQG-derived public datasets (see catalogue.ts header)';
/** Same-day civil-status services: the desk, the civil-status officer, the leader, the desk. */
const SAME_DAY = { reception: 1, recording: 2, signing: 1, delivery: 1 };

/**
 * Seed catalogue of Phú Thọ (domain-research §f): 21 procedures over the six flows. Fees in VND. Each entry cites
 * where its facts were read; [V] verified in a primary or implementing source, [S] secondary source, [R] recalled
 * from the legal text named in legalBasis and still to be checked against the province's published decision.
 * Commune-level procedures have no `agencyId`: the commune that receives the dossier decides it.
 */
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
    id: '1.002755',
    name: 'Gia hạn tạm trú',
    sector: 'Đăng ký, quản lý cư trú',
    agencyId: VIET_TRI_POLICE,
    receivingAgencyIds: [VIET_TRI_POLICE, PASC],
    onlineMode: 'full',
    effectiveFrom: '2025-07-01',
    legalBasis: ['Luật Cư trú 2020, Điều 28', 'Thông tư 75/2022/TT-BTC'],
    source: `${CODE_SOURCE}; 3 working days [R: Luật Cư trú Art.28.3]; fee as temporary residence [R: TT 75/2022]`,
    components: [{ code: 'CT01', name: 'Tờ khai thay đổi thông tin cư trú (Mẫu CT01)', mandatory: true }],
    cases: [
      {
        id: 'standard',
        name: 'Gia hạn tạm trú',
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
    id: '1.003197',
    name: 'Xóa đăng ký thường trú',
    sector: 'Đăng ký, quản lý cư trú',
    agencyId: VIET_TRI_POLICE,
    receivingAgencyIds: [VIET_TRI_POLICE],
    onlineMode: 'full',
    effectiveFrom: '2025-07-01',
    legalBasis: ['Luật Cư trú 2020, Điều 24', 'Nghị định 154/2024/NĐ-CP'],
    source: `${CODE_SOURCE}; 1 working day, free [R: Luật Cư trú Art.24.3]`,
    components: [{ code: 'CT01', name: 'Tờ khai thay đổi thông tin cư trú (Mẫu CT01)', mandatory: true }],
    cases: [
      {
        id: 'standard',
        name: 'Xóa đăng ký thường trú',
        duration: { value: 1, unit: 'working_days' },
        fees: [],
        flowId: 'single-agency',
        stepHours: { reception: 1, appraisal: 4, approval: 2, delivery: 1 },
      },
    ],
  },
  {
    id: '1.001193',
    name: 'Đăng ký khai sinh',
    sector: 'Hộ tịch',
    receivingAgencyIds: COMMUNES,
    onlineMode: 'full',
    effectiveFrom: '2025-07-01',
    legalBasis: ['Luật Hộ tịch 2014, Điều 16', 'Nghị định 123/2015/NĐ-CP', 'Nghị định 120/2025/NĐ-CP'],
    source: `${CODE_SOURCE}; domain-research §f #1 [V]: same day, next working day after 15:00; free on time`,
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
        flowId: 'same-day-civil-status',
        stepHours: SAME_DAY,
      },
    ],
  },
  {
    id: '1.000894',
    name: 'Đăng ký kết hôn',
    sector: 'Hộ tịch',
    receivingAgencyIds: COMMUNES,
    onlineMode: 'partial',
    effectiveFrom: '2025-07-01',
    legalBasis: ['Luật Hộ tịch 2014, Điều 18', 'Nghị định 123/2015/NĐ-CP'],
    source: `${CODE_SOURCE}; domain-research §f #2 [V]: same day (15:00 rule), up to 5 WD when facts must be verified`,
    components: [
      { code: 'TO_KHAI', name: 'Tờ khai đăng ký kết hôn', mandatory: true },
      { code: 'XN_HON_NHAN', name: 'Giấy xác nhận tình trạng hôn nhân (nếu cư trú nơi khác)', mandatory: false },
    ],
    cases: [
      {
        id: 'same-day',
        name: 'Giải quyết trong ngày',
        duration: { value: 0, unit: 'same_day' },
        fees: [],
        flowId: 'same-day-civil-status',
        stepHours: SAME_DAY,
      },
      {
        id: 'verification',
        name: 'Cần xác minh',
        duration: { value: 5, unit: 'working_days' },
        fees: [],
        flowId: 'single-agency',
        stepHours: { reception: 2, appraisal: 24, approval: 8, delivery: 2 },
      },
    ],
  },
  {
    id: '1.000656',
    name: 'Đăng ký khai tử',
    sector: 'Hộ tịch',
    receivingAgencyIds: COMMUNES,
    onlineMode: 'full',
    effectiveFrom: '2025-07-01',
    legalBasis: ['Luật Hộ tịch 2014, Điều 33–34'],
    source: `${CODE_SOURCE}; domain-research §f #3: same day (15:00 rule) [R: Luật Hộ tịch Art.34]; free on time [S]`,
    components: [
      { code: 'TO_KHAI', name: 'Tờ khai đăng ký khai tử', mandatory: true },
      { code: 'BAO_TU', name: 'Giấy báo tử hoặc giấy tờ thay giấy báo tử', mandatory: true },
    ],
    cases: [
      {
        id: 'on-time',
        name: 'Đăng ký đúng hạn',
        duration: { value: 0, unit: 'same_day' },
        fees: [],
        flowId: 'same-day-civil-status',
        stepHours: SAME_DAY,
      },
    ],
  },
  {
    id: '2.000635',
    name: 'Cấp bản sao Trích lục hộ tịch',
    sector: 'Hộ tịch',
    receivingAgencyIds: COMMUNES,
    onlineMode: 'full',
    effectiveFrom: '2025-07-01',
    legalBasis: ['Luật Hộ tịch 2014, Điều 63–64', 'Thông tư 281/2016/TT-BTC'],
    source: `${CODE_SOURCE}; domain-research §f #4 [V]: same day (15:00 rule), 8,000 đ per copy`,
    components: [{ code: 'TO_KHAI', name: 'Tờ khai cấp bản sao trích lục hộ tịch', mandatory: true }],
    cases: [
      {
        id: 'same-day',
        name: 'Trong ngày',
        duration: { value: 0, unit: 'same_day' },
        fees: [{ name: 'Phí cấp bản sao trích lục hộ tịch (mỗi bản)', amount: 8000, channel: 'any' }],
        flowId: 'same-day-civil-status',
        stepHours: SAME_DAY,
      },
    ],
  },
  {
    id: '2.000815',
    name: 'Chứng thực bản sao từ bản chính giấy tờ, văn bản do cơ quan có thẩm quyền cấp',
    sector: 'Chứng thực',
    receivingAgencyIds: COMMUNES,
    onlineMode: 'partial',
    effectiveFrom: '2025-07-01',
    legalBasis: ['Nghị định 23/2015/NĐ-CP, Điều 20–21', 'Thông tư 226/2016/TT-BTC'],
    source: `${CODE_SOURCE}; domain-research §f #6: same day, next WD after 15:00 [V]; 2,000 đ/page [R: TT 226/2016]`,
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
        flowId: 'same-day-civil-status',
        stepHours: SAME_DAY,
      },
    ],
  },
  {
    id: '2.000884',
    name: 'Chứng thực chữ ký trong các giấy tờ, văn bản',
    sector: 'Chứng thực',
    receivingAgencyIds: COMMUNES,
    onlineMode: 'none',
    effectiveFrom: '2025-07-01',
    legalBasis: ['Nghị định 23/2015/NĐ-CP, Điều 24', 'Thông tư 226/2016/TT-BTC'],
    source: `${CODE_SOURCE}; same day (15:00 rule) and 10,000 đ per case [R: ND 23/2015 Art.7, TT 226/2016]`,
    components: [{ code: 'GIAY_TO', name: 'Giấy tờ, văn bản cần chứng thực chữ ký', mandatory: true }, ID_CARD],
    cases: [
      {
        id: 'same-day',
        name: 'Trong ngày (trước 15:00)',
        duration: { value: 0, unit: 'same_day' },
        fees: [{ name: 'Phí chứng thực chữ ký (mỗi trường hợp)', amount: 10000, channel: 'any' }],
        flowId: 'same-day-civil-status',
        stepHours: SAME_DAY,
      },
    ],
  },
  {
    id: '1.004873',
    name: 'Cấp Giấy xác nhận tình trạng hôn nhân',
    sector: 'Hộ tịch',
    receivingAgencyIds: COMMUNES,
    onlineMode: 'full',
    effectiveFrom: '2025-07-01',
    legalBasis: ['Nghị định 123/2015/NĐ-CP, Điều 21–22'],
    source: `${CODE_SOURCE}; domain-research §f #5 [V]: 3 working days (longer when another commune must verify)`,
    components: [{ code: 'TO_KHAI', name: 'Tờ khai cấp Giấy xác nhận tình trạng hôn nhân', mandatory: true }],
    cases: [
      {
        id: 'standard',
        name: 'Không cần xác minh',
        duration: { value: 3, unit: 'working_days' },
        fees: [],
        flowId: 'single-agency',
        stepHours: { reception: 2, appraisal: 12, approval: 6, delivery: 2 },
      },
    ],
  },
  {
    id: '3.000722',
    name: 'Liên thông thủ tục hành chính về đăng ký khai sinh, đăng ký thường trú, cấp thẻ bảo hiểm y tế cho trẻ em dưới 6 tuổi',
    sector: 'Hộ tịch',
    receivingAgencyIds: COMMUNES,
    onlineMode: 'full',
    effectiveFrom: '2025-07-01',
    legalBasis: ['Nghị định 63/2024/NĐ-CP', 'Luật Hộ tịch 2014', 'Luật Cư trú 2020', 'Luật Bảo hiểm y tế'],
    source:
      'code [S]: listed for newborn registration by a DVCQG-derived dataset and as a new code in a 2025 municipal decision; verify. Linked group of Decree 63/2024 (domain-research §f #7, b.6); 5 WD [R]',
    components: [
      { code: 'TO_KHAI', name: 'Tờ khai điện tử liên thông (khai sinh, thường trú, BHYT)', mandatory: true },
      { code: 'CHUNG_SINH', name: 'Giấy chứng sinh', mandatory: true },
      { code: 'CHO_O', name: 'Giấy tờ chứng minh chỗ ở hợp pháp (nếu chưa có trong CSDL)', mandatory: false },
    ],
    cases: [
      {
        id: 'standard',
        name: 'Liên thông ba thủ tục',
        duration: { value: 5, unit: 'working_days' },
        fees: [],
        flowId: 'birth-residence-insurance',
        stepHours: { reception: 2, birth_registration: 8, residence: 16, health_card: 16, signing: 4, delivery: 2 },
      },
    ],
  },
  {
    id: '2.000720',
    name: 'Đăng ký thay đổi nội dung đăng ký hộ kinh doanh',
    sector: 'Thành lập và hoạt động của hộ kinh doanh',
    receivingAgencyIds: COMMUNES,
    onlineMode: 'full',
    effectiveFrom: '2025-07-01',
    legalBasis: ['Nghị định 168/2025/NĐ-CP', 'Thông tư 68/2025/TT-BTC'],
    source: `${CODE_SOURCE}; commune level since 07/2025, 3 working days [R: domain-research §f #12]`,
    components: [{ code: 'THONG_BAO', name: 'Thông báo thay đổi nội dung đăng ký hộ kinh doanh', mandatory: true }],
    cases: [
      {
        id: 'standard',
        name: 'Thay đổi nội dung',
        duration: { value: 3, unit: 'working_days' },
        fees: [],
        flowId: 'single-agency',
        stepHours: { reception: 2, appraisal: 12, approval: 6, delivery: 2 },
      },
    ],
  },
  {
    id: '1.001570',
    name: 'Tạm ngừng hoạt động hộ kinh doanh',
    sector: 'Thành lập và hoạt động của hộ kinh doanh',
    receivingAgencyIds: COMMUNES,
    onlineMode: 'full',
    effectiveFrom: '2025-07-01',
    legalBasis: ['Nghị định 168/2025/NĐ-CP'],
    source: `${CODE_SOURCE}; 3 working days, free [R]`,
    components: [{ code: 'THONG_BAO', name: 'Thông báo tạm ngừng kinh doanh', mandatory: true }],
    cases: [
      {
        id: 'standard',
        name: 'Tạm ngừng kinh doanh',
        duration: { value: 3, unit: 'working_days' },
        fees: [],
        flowId: 'single-agency',
        stepHours: { reception: 2, appraisal: 12, approval: 6, delivery: 2 },
      },
    ],
  },
  {
    id: '2.001610',
    name: 'Đăng ký thành lập doanh nghiệp tư nhân',
    sector: 'Thành lập và hoạt động của doanh nghiệp',
    agencyId: FINANCE,
    receivingAgencyIds: [PASC],
    onlineMode: 'full',
    effectiveFrom: '2025-07-01',
    legalBasis: ['Luật Doanh nghiệp 2020', 'Nghị định 168/2025/NĐ-CP', 'Thông tư 47/2019/TT-BTC'],
    source: `${CODE_SOURCE}; 3 WD; 50,000 đ, free online [R: domain-research §f #13]`,
    components: [{ code: 'GIAY_DE_NGHI', name: 'Giấy đề nghị đăng ký doanh nghiệp', mandatory: true }, ID_CARD],
    cases: [
      {
        id: 'standard',
        name: 'Thành lập mới',
        duration: { value: 3, unit: 'working_days' },
        fees: [
          { name: 'Lệ phí đăng ký doanh nghiệp', amount: 50000, channel: 'counter' },
          { name: 'Lệ phí đăng ký doanh nghiệp (trực tuyến)', amount: 0, channel: 'online' },
          { name: 'Phí công bố nội dung đăng ký doanh nghiệp', amount: 100000, channel: 'any' },
        ],
        flowId: 'single-agency',
        stepHours: { reception: 2, appraisal: 12, approval: 6, delivery: 2 },
      },
    ],
  },
  {
    id: '1.013225',
    name: 'Cấp giấy phép xây dựng mới đối với nhà ở riêng lẻ',
    sector: 'Hoạt động xây dựng',
    receivingAgencyIds: [HA_HOA, VIET_TRI, VINH_YEN],
    onlineMode: 'partial',
    effectiveFrom: '2026-07-01',
    legalBasis: ['Luật Xây dựng 2014 (sửa đổi 2020, 2025)', 'Nghị định 217/2026/NĐ-CP'],
    source: `${CODE_SOURCE}; domain-research §f #14 [S]: commune People's Committee, 7 working days from 01/07/2026`,
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
  {
    id: '1.013831',
    name: 'Đăng ký biến động quyền sử dụng đất, quyền sở hữu tài sản gắn liền với đất (chuyển đổi, chuyển nhượng, thừa kế, tặng cho, góp vốn)',
    sector: 'Đất đai',
    agencyId: LAND_OFFICE,
    receivingAgencyIds: [PASC, ...COMMUNES],
    onlineMode: 'partial',
    effectiveFrom: '2025-07-01',
    legalBasis: ['Luật Đất đai 2024, Điều 133', 'Nghị định 101/2024/NĐ-CP, Điều 22'],
    source:
      "code [S]: a land registration office's published list; domain-research §f #16: ≤10 WD excluding the financial obligation [R]",
    components: [
      { code: 'DON', name: 'Đơn đăng ký biến động đất đai, tài sản gắn liền với đất (Mẫu 11/ĐK)', mandatory: true },
      { code: 'HOP_DONG', name: 'Hợp đồng, văn bản về chuyển quyền', mandatory: true },
      { code: 'GCN', name: 'Giấy chứng nhận đã cấp (bản gốc)', mandatory: true },
    ],
    cases: [
      {
        id: 'transfer',
        name: 'Chuyển nhượng, tặng cho, thừa kế',
        duration: { value: 10, unit: 'working_days' },
        fees: [{ name: 'Lệ phí cấp Giấy chứng nhận (theo Nghị quyết HĐND tỉnh)', amount: 100000, channel: 'any' }],
        flowId: 'land-tax',
        stepHours: { reception: 4, appraisal: 24, tax_assessment: 40, approval: 16, delivery: 4 },
      },
    ],
  },
  {
    id: '1.012753',
    name: 'Đăng ký đất đai, tài sản gắn liền với đất, cấp Giấy chứng nhận lần đầu đối với tổ chức đang sử dụng đất',
    sector: 'Đất đai',
    agencyId: AGRI_ENV,
    receivingAgencyIds: [PASC],
    onlineMode: 'partial',
    effectiveFrom: '2025-07-01',
    legalBasis: ['Luật Đất đai 2024, Điều 132, 136', 'Nghị định 101/2024/NĐ-CP, Điều 22'],
    source:
      "code [S]: a land registration office's published list; domain-research §f #15: ≤20 WD, tax time excluded [R]",
    components: [
      { code: 'DON', name: 'Đơn đăng ký đất đai, tài sản gắn liền với đất (Mẫu 04/ĐK)', mandatory: true },
      { code: 'GIAY_TO_DAT', name: 'Giấy tờ về quyền sử dụng đất', mandatory: true },
    ],
    cases: [
      {
        id: 'standard',
        name: 'Cấp lần đầu',
        duration: { value: 20, unit: 'working_days' },
        fees: [{ name: 'Lệ phí cấp Giấy chứng nhận (theo Nghị quyết HĐND tỉnh)', amount: 500000, channel: 'any' }],
        flowId: 'land-tax',
        stepHours: { reception: 4, appraisal: 64, tax_assessment: 40, approval: 24, delivery: 4 },
      },
    ],
  },
  {
    id: '1.010803',
    name: 'Giải quyết chế độ trợ cấp thờ cúng liệt sĩ',
    sector: 'Người có công',
    agencyId: '000.00.22.H45',
    receivingAgencyIds: COMMUNES,
    onlineMode: 'partial',
    effectiveFrom: '2025-07-01',
    legalBasis: ['Pháp lệnh Ưu đãi người có công với cách mạng 2020', 'Nghị định 131/2021/NĐ-CP'],
    source: `${CODE_SOURCE}; commune verifies and forwards, the provincial department decides; 12 WD [R]`,
    components: [
      { code: 'DON', name: 'Bản khai đề nghị trợ cấp thờ cúng liệt sĩ', mandatory: true },
      { code: 'BIEN_BAN', name: 'Biên bản ủy quyền của thân nhân liệt sĩ (nếu có)', mandatory: false },
    ],
    cases: [
      {
        id: 'standard',
        name: 'Trợ cấp thờ cúng liệt sĩ',
        duration: { value: 12, unit: 'working_days' },
        fees: [],
        flowId: 'commune-to-province',
        stepHours: {
          reception: 4,
          verification: 24,
          commune_approval: 8,
          province_appraisal: 40,
          province_approval: 16,
          delivery: 4,
        },
      },
    ],
  },
  {
    id: '1.009645',
    name: 'Chấp thuận chủ trương đầu tư của Ủy ban nhân dân cấp tỉnh',
    sector: 'Đầu tư tại Việt Nam',
    agencyId: FINANCE,
    receivingAgencyIds: [PASC],
    onlineMode: 'partial',
    effectiveFrom: '2025-07-01',
    legalBasis: ['Luật Đầu tư 2020, Điều 32–33', 'Nghị định 31/2021/NĐ-CP, Điều 32'],
    source:
      'code [R]: from memory, verify on dichvucong.gov.vn; opinions of related agencies within 15 days, decision within 35 days [R: ND 31/2021 Art.32]',
    components: [
      { code: 'VAN_BAN_DE_NGHI', name: 'Văn bản đề nghị thực hiện dự án đầu tư', mandatory: true },
      { code: 'DE_XUAT', name: 'Đề xuất dự án đầu tư', mandatory: true },
      { code: 'NANG_LUC', name: 'Tài liệu chứng minh năng lực tài chính của nhà đầu tư', mandatory: true },
    ],
    cases: [
      {
        id: 'standard',
        name: 'Dự án thuộc thẩm quyền UBND tỉnh',
        duration: { value: 35, unit: 'calendar_days' },
        fees: [],
        flowId: 'department-consultation',
        stepHours: {
          reception: 4,
          appraisal: 24,
          opinion_construction: 88,
          opinion_environment: 88,
          opinion_security: 88,
          synthesis: 24,
          approval: 16,
          delivery: 4,
        },
      },
    ],
  },
];
