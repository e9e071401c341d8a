/**
 * How the staff dossier page presents the actions the state machine offers (which actions a role
 * may take stays in dossier-state-machine.ts): the text field each one carries, which ones need an
 * explicit confirmation (they cannot be undone from the page), which one is the primary next step,
 * and the message shown after it succeeded. Pure.
 */

export interface ActionForm {
  /** Label of the text field sent as the event's reason (null: no field). */
  textLabel?: string;
  textHint?: string;
  /** How the timeline names that text. */
  timelineLabel?: string;
  /** Text of the confirmation checkbox ("Tôi xác nhận…"): the page refuses the action without it. */
  confirm?: string;
}

export const ACTION_FORMS: Record<string, ActionForm> = {
  receive: {},
  'request-supplement': { textLabel: 'Nội dung cần bổ sung', textHint: 'Nêu rõ giấy tờ, thông tin cần bổ sung; công dân nhận nội dung này trong phiếu yêu cầu bổ sung.', timelineLabel: 'Nội dung cần bổ sung' },
  supplement: {},
  refuse: {
    textLabel: 'Lý do từ chối tiếp nhận',
    textHint: 'Lý do được in trong phiếu từ chối gửi công dân.',
    timelineLabel: 'Lý do',
    confirm: 'Tôi xác nhận từ chối tiếp nhận hồ sơ này. Hồ sơ sẽ kết thúc và công dân nhận phiếu từ chối.',
  },
  assign: {},
  propose: {
    textLabel: 'Ý kiến đề xuất của chuyên viên',
    textHint: 'Kết quả thẩm định và đề xuất; lãnh đạo đọc ý kiến này trước khi phê duyệt.',
    timelineLabel: 'Ý kiến đề xuất',
  },
  approve: {
    textLabel: 'Ý kiến của lãnh đạo (không bắt buộc)',
    timelineLabel: 'Ý kiến',
    confirm: 'Tôi xác nhận đã xem dự thảo kết quả và phê duyệt. Kết quả sẽ được ký số bằng chữ ký của cơ quan.',
  },
  reject: {
    textLabel: 'Lý do trả lại',
    textHint: 'Nội dung chuyên viên cần xem xét lại.',
    timelineLabel: 'Lý do trả lại',
    confirm: 'Tôi xác nhận trả hồ sơ lại cho chuyên viên xử lý.',
  },
  transfer: { textLabel: 'Lý do chuyển', timelineLabel: 'Lý do' },
  extend: { textLabel: 'Lý do xin lỗi, hẹn lại', textHint: 'Lý do được in trong phiếu xin lỗi và hẹn lại gửi công dân.', timelineLabel: 'Lý do' },
  'return-result': { confirm: 'Tôi xác nhận đã trả kết quả cho người nộp hồ sơ (hoặc người được ủy quyền).' },
};

/** The action that moves the dossier forward, in order of preference when several are offered. */
const PRIMARY = ['receive', 'approve', 'propose', 'return-result', 'assign', 'supplement'];
/** Actions that turn the dossier away: shown last, set apart. */
const TURN_AWAY = new Set(['refuse', 'reject']);

/** True when the page must have the person tick the confirmation before doing `action`. */
export function needsConfirmation(action: string): boolean {
  return !!ACTION_FORMS[action]?.confirm;
}

export interface PageAction {
  action: string;
  label: string;
  form: ActionForm;
}

/** The offered actions in three groups: the primary next step, the other steps, and turning the dossier away. */
export function groupActions(actions: { action: string; label: string }[]): { primary: PageAction | null; others: PageAction[]; turnAway: PageAction[] } {
  const withForm = actions.map((a) => ({ ...a, form: ACTION_FORMS[a.action] ?? {} }));
  const primaryName = PRIMARY.find((p) => withForm.some((a) => a.action === p));
  return {
    primary: withForm.find((a) => a.action === primaryName) ?? null,
    others: withForm.filter((a) => a.action !== primaryName && !TURN_AWAY.has(a.action)),
    turnAway: withForm.filter((a) => TURN_AWAY.has(a.action)),
  };
}

/** The message shown after an action succeeded. */
export function doneMessage(label: string, code: string, statusText: string, due: string | null): string {
  return `Đã thực hiện «${label}» cho hồ sơ ${code}. Trạng thái: ${statusText}.${due ? ` Hẹn trả kết quả: ${due}.` : ''}`;
}
