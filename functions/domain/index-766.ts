import type { Figures } from './figures';

/**
 * Bộ chỉ số 766 — the index the national portal (DVCQG) scores each agency and province on (Decision 766/QĐ-TTg,
 * 100 points), with the groups, sub-indicators and maxima the portal itself reports (its API replies of October
 * 2026, captured by the duynghiaqn/Crawler-766 project: ../shared/reference/anchors-2026-12.md §B). A sub-indicator
 * whose input motcua does not record yet says `notMeasured` with the reason and scores nothing: never a made-up
 * number. Where the portal's formula is not published, the formula used is named in `formula`.
 */
export interface Indicator {
  code: string;
  max: number;
  score: number | null;
  numerator?: number;
  denominator?: number;
  formula?: string;
  notMeasured?: string;
}

export interface IndexGroup {
  code: 'CKMB' | 'TDGQ' | 'CLGQ' | 'TTTT' | 'MDSH' | 'MDHL';
  name: string;
  max: number;
  /** Sum of the measured indicators; null when none is measured. */
  score: number | null;
  indicators: Indicator[];
}

export interface Index766 {
  max: 100;
  /** Points of the measured indicators, out of `measuredMax`. */
  score: number;
  measuredMax: number;
  groups: IndexGroup[];
}

/** What the index needs beyond the Circular 01 figures: the online dossiers of procedures offered online. */
export interface IndexInputs {
  figures: Figures;
  /** Received in the period, of procedures offered online (fully or partly), and of those, online. */
  offeredOnline: { received: number; online: number };
  /** Ratings given in the period, and how many were very satisfied or satisfied. */
  ratings: { total: number; satisfied: number };
}

const NATIONAL_PORTAL =
  'Chưa kết nối kho dữ liệu cá nhân trên Cổng DVCQG, CSDL quốc gia về dân cư và hệ thống chứng thực bản sao điện tử';
const PUBLICATION =
  'Việc công bố, công khai thủ tục hành chính do Cơ sở dữ liệu quốc gia về TTHC theo dõi, motcua không ghi nhận';
const PAYMENT = 'Chưa tích hợp nền tảng thanh toán trực tuyến';
const PETITIONS =
  'motcua chưa tiếp nhận phản ánh, kiến nghị (PAKN); Cổng DVC quốc gia chấm đủ 6 điểm khi không có PAKN';

/** max × numerator / denominator, to two decimals (the portal's own rounding: 283/330 of 20 → 17.15). */
const scaled = (max: number, numerator: number, denominator: number): Indicator['score'] =>
  denominator === 0 ? null : Math.round((max * numerator * 100) / denominator) / 100;

const measured = (code: string, max: number, numerator: number, denominator: number, formula?: string): Indicator => {
  const score = scaled(max, numerator, denominator);
  return {
    code,
    max,
    score,
    numerator,
    denominator,
    ...(formula ? { formula } : {}),
    ...(score === null ? { notMeasured: 'Không có hồ sơ trong kỳ (mẫu số bằng 0)' } : {}),
  };
};
const unmeasured = (code: string, max: number, why: string): Indicator => ({
  code,
  max,
  score: null,
  notMeasured: why,
});

function group(code: IndexGroup['code'], name: string, max: number, indicators: Indicator[]): IndexGroup {
  const scores = indicators.map((i) => i.score).filter((s): s is number => s !== null);
  const score = scores.length ? Math.round(scores.reduce((a, b) => a + b, 0) * 100) / 100 : null;
  return { code, name, max, score, indicators };
}

export function index766({ figures, offeredOnline, ratings }: IndexInputs): Index766 {
  const onTime = figures.finished.early + figures.finished.onTime + figures.inProgress.withinDeadline;
  const overdue = figures.finished.late + figures.inProgress.overdue;
  const newlyReceived = figures.received.online + figures.received.counter + figures.received.post;
  const groups: IndexGroup[] = [
    group('CKMB', 'Công khai, minh bạch', 18, [
      unmeasured('PUBLISH_ON_TIME', 6, PUBLICATION),
      unmeasured('PUBLIC_UPDATE_ON_TIME', 4, PUBLICATION),
      unmeasured('PUBLIC_CONTENT_FULL', 2, PUBLICATION),
      measured(
        'DOSSIER_SYNC',
        6,
        Math.min(figures.synced, newlyReceived),
        newlyReceived,
        '6 × hồ sơ đã đồng bộ lên Cổng DVC quốc gia / hồ sơ tiếp nhận trong kỳ (như Cổng tính: 1/47 → 0,13)',
      ),
    ]),
    group('TDGQ', 'Tiến độ giải quyết', 20, [
      // The portal: 20 × on time / received, where on time + overdue = received (withdrawn and paused dossiers are
      // neither). On time: finished early or on time, or in progress within the deadline.
      measured(
        'PROGRESS',
        20,
        onTime,
        onTime + overdue,
        '20 × (sớm hạn + đúng hạn + đang giải quyết trong hạn) / (các hồ sơ đó + quá hạn)',
      ),
    ]),
    group('CLGQ', 'Cung cấp dịch vụ công trực tuyến', 12, [
      measured(
        'ONLINE_DOSSIERS',
        12,
        offeredOnline.online,
        offeredOnline.received,
        'Công thức của Cổng DVC quốc gia chưa công bố; dùng 12 × hồ sơ trực tuyến / hồ sơ tiếp nhận của các TTHC có cung cấp DVC trực tuyến (như bộ lọc ChiTieuDVCTrucTuyen của hệ thống Thanh Hóa)',
      ),
    ]),
    // The portal reports paid-online / financial obligations and fee procedures paid online, with no published
    // formula or split of the 10 points: one indicator until payments exist.
    group('TTTT', 'Thanh toán trực tuyến', 10, [unmeasured('ONLINE_PAYMENT', 10, PAYMENT)]),
    group('MDSH', 'Số hoá hồ sơ', 22, [
      measured(
        'ORIGINAL_RESULT_AVAILABLE',
        6,
        figures.documents.electronicResults,
        figures.finished.total,
        '6 × hồ sơ có kết quả bản điện tử / hồ sơ đã giải quyết (công thức của Cổng chưa công bố)',
      ),
      measured(
        'SO_HOA_GIAY_TO_GIAI_QUYET',
        4,
        figures.documents.digitised,
        newlyReceived,
        '4 × hồ sơ có thành phần được số hoá, lưu kho dữ liệu điện tử / hồ sơ tiếp nhận (công thức của Cổng chưa công bố)',
      ),
      measured(
        'REUSED_DIGITIZED_DATA',
        2,
        figures.documents.reused,
        newlyReceived,
        '2 × hồ sơ dùng lại giấy tờ đã số hoá / hồ sơ tiếp nhận (không giới hạn trần; Cổng có thể đặt mục tiêu ~75–80%)',
      ),
      unmeasured('SYNCED_WITH_DVCQG_PERSONAL_STORAGE', 4, NATIONAL_PORTAL),
      unmeasured('CITIZEN_DATA_CONNECTED_DOSSIER', 2, NATIONAL_PORTAL),
      unmeasured('CITIZEN_DATA_CONNECTED_FORMALITY', 2, NATIONAL_PORTAL),
      unmeasured('ELECTRONIC_CERTIFIED_COPY', 2, NATIONAL_PORTAL),
    ]),
    group('MDHL', 'Mức độ hài lòng', 18, [
      measured(
        'DOSSIER_RECEIVING_SATISFACTION',
        6,
        ratings.satisfied,
        ratings.total,
        '6 × (rất hài lòng + hài lòng) / số đánh giá',
      ),
      unmeasured('PETITION_PROCESSING_ON_TIME', 6, PETITIONS),
      unmeasured('PETITION_HANDLING_SATISFACTION', 6, PETITIONS),
    ]),
  ];
  const indicators = groups.flatMap((g) => g.indicators).filter((i) => i.score !== null);
  return {
    max: 100,
    score: Math.round(indicators.reduce((sum, i) => sum + i.score!, 0) * 100) / 100,
    measuredMax: indicators.reduce((sum, i) => sum + i.max, 0),
    groups,
  };
}
