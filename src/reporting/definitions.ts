/** How each figure is computed — shown on the dashboard, the printable report and the public page (#cach-tinh). */
export const REPORT_DEFINITIONS: { id: string; term: string; text: string }[] = [
  { id: 'ky', term: 'Kỳ báo cáo', text: 'Các ngày từ “Từ ngày” đến hết “Đến ngày” theo giờ Việt Nam (00:00 ngày đầu kỳ đến 24:00 ngày cuối kỳ). Chỉ tính hồ sơ đã được tiếp nhận (đã bắt đầu tính thời hạn); hồ sơ bị từ chối ngay khi tiếp nhận không được tính.' },
  { id: 'ton', term: 'Kỳ trước chuyển qua', text: 'Hồ sơ tiếp nhận trước ngày đầu kỳ và chưa hoàn thành trước ngày đầu kỳ.' },
  { id: 'tiep-nhan', term: 'Tiếp nhận trong kỳ', text: 'Hồ sơ có thời điểm tiếp nhận trong kỳ, chia theo kênh: trực tuyến hoặc trực tiếp tại Bộ phận một cửa.' },
  { id: 'da-giai-quyet', term: 'Đã giải quyết', text: 'Hồ sơ đã trả kết quả trong kỳ (thời điểm hoàn thành do quy trình ghi khi trả kết quả), chia theo thời điểm hoàn thành so với hạn trả: trước hạn, đúng hạn, quá hạn. Hồ sơ có phiếu xin lỗi và hẹn lại vẫn tính là quá hạn.' },
  { id: 'tu-choi', term: 'Từ chối, rút hồ sơ', text: 'Hồ sơ đã tiếp nhận rồi bị từ chối giải quyết, hoặc công dân rút, với thời điểm kết thúc trong kỳ.' },
  { id: 'dang-giai-quyet', term: 'Đang giải quyết', text: 'Hồ sơ tiếp nhận trước cuối kỳ và chưa hoàn thành tại cuối kỳ; quá hạn khi hạn trả đã qua trước cuối kỳ, còn lại là trong hạn.' },
  { id: 'ty-le', term: 'Tỷ lệ đúng hạn', text: '(Trước hạn + đúng hạn) / tổng số đã giải quyết trong kỳ; để trống khi chưa có hồ sơ được giải quyết.' },
  { id: 'can-doi', term: 'Cân đối', text: 'Kỳ trước chuyển qua + tiếp nhận = đã giải quyết + từ chối + rút + đang giải quyết.' },
  { id: 'binh-quan', term: 'Thời gian bình quân', text: 'Trung bình (hoàn thành − tiếp nhận) của hồ sơ đã giải quyết, so với trung bình (hạn trả − tiếp nhận), tính theo ngày lịch.' },
  { id: 'hai-long', term: 'Tỷ lệ hài lòng', text: '(Rất hài lòng + Hài lòng) / tổng số đánh giá của công dân sau khi nhận kết quả, theo thang đánh giá của Cổng Dịch vụ công quốc gia.' },
];
