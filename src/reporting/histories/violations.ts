/**
 * What the replay checker reports: a dossier whose stored columns or stages do not follow from its
 * events, or an event the state machine forbids at that point. Each violation names its kind, the
 * dossier's code and says why in Vietnamese and in English.
 */

export const VIOLATION_KINDS = [
  'history', // no events, or the first one is not the submission
  'event-order', // an event earlier than the one before it
  'forbidden-move', // the state machine refuses the move at that point (wrong state, role or guard)
  'event-status', // the event's from/to status is not the dossier's status before/after the move
  'status',
  'agency',
  'received-at',
  'due-date',
  'night-due-date', // a stored due date the office does not work at (night, weekend, holiday)
  'pause',
  'extension',
  'timeliness',
  'processing-ended',
  'completed-at',
  'working-time',
  'step',
  'stages',
] as const;
export type ViolationKind = (typeof VIOLATION_KINDS)[number];

/** Vietnamese names of the kinds (the CLI's summary). */
export const VIOLATION_LABELS: Record<ViolationKind, { vi: string; en: string }> = {
  history: { vi: 'Lịch sử không bắt đầu bằng nộp hồ sơ', en: 'History does not start with a submission' },
  'event-order': { vi: 'Sự kiện sai thứ tự thời gian', en: 'Events out of time order' },
  'forbidden-move': { vi: 'Thao tác quy trình không cho phép', en: 'Move the state machine forbids' },
  'event-status': { vi: 'Trạng thái ghi trên sự kiện sai', en: 'Event records a wrong status' },
  status: { vi: 'Trạng thái không khớp lịch sử', en: 'Status does not follow from the events' },
  agency: { vi: 'Cơ quan đang giữ không khớp', en: 'Holding agency does not follow' },
  'received-at': { vi: 'Thời điểm tiếp nhận không khớp', en: 'Reception instant does not follow' },
  'due-date': { vi: 'Hạn giải quyết không theo lịch làm việc', en: 'Due date does not follow the working calendar' },
  'night-due-date': { vi: 'Hạn giải quyết ngoài giờ làm việc', en: 'Due date outside working time' },
  pause: { vi: 'Tạm dừng không khớp yêu cầu bổ sung', en: 'Pause does not follow the supplement requests' },
  extension: { vi: 'Số lần gia hạn không khớp', en: 'Extension count does not follow' },
  timeliness: { vi: 'Phân loại đúng hạn/quá hạn sai', en: 'Timeliness does not follow' },
  'processing-ended': { vi: 'Thời điểm kết thúc xử lý không khớp', en: 'End of processing does not follow' },
  'completed-at': { vi: 'Thời điểm hoàn thành không khớp', en: 'Completion instant does not follow' },
  'working-time': { vi: 'Thời gian làm việc đã dùng/cho phép không khớp', en: 'Working time used/allowed does not follow' },
  step: { vi: 'Bước xử lý hiện tại không khớp', en: 'Current step does not follow' },
  stages: { vi: 'Các giai đoạn liên thông không khớp', en: 'Stages do not follow' },
};

export interface Violation {
  kind: ViolationKind;
  code: string;
  /** The event at fault, when one is. */
  eventId?: string;
  /** For a forbidden move: the action and the status it was tried in, e.g. "refuse ← RECEIVED". */
  move?: string;
  vi: string;
  en: string;
}
