/** Folds Vietnamese text for accent- and case-insensitive search: "Đăng ký" → "dang ky". */
export function foldText(s: string): string {
  return s
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[đĐ]/g, 'd')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();
}

/** "Huyện Đồng Văn" → "huyện Đồng Văn", for names like "Phòng Tư pháp huyện Đồng Văn". */
export function lowerFirstWord(unitName: string, unitType: string): string {
  if (unitName.startsWith(unitType)) return unitType.toLowerCase() + unitName.slice(unitType.length);
  return unitName;
}
