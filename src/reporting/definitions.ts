/** How each figure is computed — shown on the dashboard, the printable report and the public page (#cach-tinh). The code: sla-report.service.ts, report_movements(). */
export const REPORT_DEFINITIONS: { id: string; term: string; text: string }[] = [
  { id: 'ky', term: 'Kỳ báo cáo', text: 'Các ngày từ “Từ ngày” đến hết “Đến ngày” theo giờ Việt Nam (00:00 ngày đầu kỳ đến 24:00 ngày cuối kỳ). Hồ sơ được tính từ khi được tiếp nhận (bắt đầu tính thời hạn).' },
  { id: 'ket-thuc', term: 'Kết thúc xử lý', text: 'Thời điểm lãnh đạo phê duyệt kết quả (hồ sơ có kết quả), hoặc thời điểm từ chối, rút hồ sơ. Việc trả kết quả cho công dân sau đó không làm thay đổi thời điểm này.' },
  { id: 'ton', term: 'Kỳ trước chuyển qua', text: 'Hồ sơ tiếp nhận trước ngày đầu kỳ và chưa kết thúc xử lý trước ngày đầu kỳ.' },
  { id: 'tiep-nhan', term: 'Tiếp nhận trong kỳ', text: 'Hồ sơ có thời điểm tiếp nhận trong kỳ, chia theo kênh: trực tuyến hoặc trực tiếp tại Bộ phận một cửa.' },
  { id: 'da-giai-quyet', term: 'Đã giải quyết', text: 'Hồ sơ kết thúc xử lý có kết quả trong kỳ, chia theo thời điểm kết thúc so với hạn trả đang có hiệu lực (đã cộng thời gian tạm dừng chờ bổ sung): trước hạn (sớm hơn ngày hẹn), đúng hạn, quá hạn. Hồ sơ có phiếu xin lỗi và hẹn lại vẫn tính là quá hạn.' },
  { id: 'tu-choi', term: 'Từ chối tiếp nhận', text: 'Hồ sơ bị từ chối ngay khi tiếp nhận trong kỳ. Hồ sơ này chưa được tiếp nhận nên không nằm trong cân đối số hồ sơ phải giải quyết.' },
  { id: 'rut', term: 'Rút hồ sơ', text: 'Hồ sơ đã tiếp nhận rồi được công dân rút trong kỳ.' },
  { id: 'xin-loi', term: 'Xin lỗi, hẹn lại', text: 'Số phiếu xin lỗi và hẹn lại ngày trả kết quả đã gửi trong kỳ (mỗi hồ sơ tối đa một lần).' },
  { id: 'dang-giai-quyet', term: 'Đang giải quyết', text: 'Hồ sơ tiếp nhận trước cuối kỳ và chưa kết thúc xử lý tại cuối kỳ; quá hạn khi hạn trả đã qua trước cuối kỳ — với kỳ bao gồm hôm nay, tính đến thời điểm hiện tại. Hồ sơ đang chờ bổ sung (đã tạm dừng trước hạn) không tính là quá hạn. Còn lại là trong hạn.' },
  { id: 'ty-le', term: 'Tỷ lệ đúng hạn', text: '(Trước hạn + đúng hạn) / tổng số đã giải quyết trong kỳ; để trống khi chưa có hồ sơ được giải quyết.' },
  { id: 'can-doi', term: 'Cân đối', text: 'Kỳ trước chuyển qua + tiếp nhận = đã giải quyết + rút + đang giải quyết (từ chối tiếp nhận nằm ngoài cân đối).' },
  { id: 'binh-quan', term: 'Thời gian bình quân', text: 'Trung bình thời gian làm việc đã dùng (từ tiếp nhận đến kết thúc xử lý, không tính thời gian tạm dừng chờ bổ sung) của hồ sơ đã giải quyết, so với trung bình thời gian quy định của thủ tục — tính theo ngày làm việc (8 giờ làm việc một ngày).' },
  { id: 'giai-doan', term: 'Giai đoạn làm trễ (liên thông)', text: 'Với hồ sơ liên thông, mỗi cơ quan có thời hạn riêng cho giai đoạn của mình; giai đoạn kết thúc sau thời hạn riêng đó là giai đoạn làm trễ, được tính cho cơ quan giữ giai đoạn.' },
  { id: 'hai-long', term: 'Tỷ lệ hài lòng', text: '(Rất hài lòng + Hài lòng) / tổng số đánh giá của công dân sau khi nhận kết quả, theo thang đánh giá của Cổng Dịch vụ công quốc gia.' },
];
